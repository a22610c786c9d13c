import { z } from 'zod';

/**
 * What the export routes take in their path, checked on the server with this schema and used
 * by the staff page to build its links: which agreed version, which format, whose part.
 */
export const exportFormats = ['pdf', 'docx', 'md', 'txt', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportRequestSchema = z.object({
  version: z.coerce.number().int().positive().max(100_000),
  format: z.enum(exportFormats),
});

export const myPartRequestSchema = z.object({
  version: z.coerce.number().int().positive().max(100_000),
  /** The id the plan's `who` keeps the person under: `guest:<id>`, `staff:<id>` or `name:<name>`. */
  personKey: z.string().min(3).max(200),
});

const encode = encodeURIComponent;

export const exportPath = (meetingId: string, version: number, format: ExportFormat): string =>
  `/api/meetings/${encode(meetingId)}/plan-versions/${version}/export/${format}`;

export const myPartPath = (meetingId: string, version: number, personKey: string): string =>
  `/api/meetings/${encode(meetingId)}/plan-versions/${version}/my-part/${encode(personKey)}`;
