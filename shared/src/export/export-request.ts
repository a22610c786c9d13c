import * as z from 'zod/mini';
import { exportLanguages, type ExportLanguage } from './export-translations.ts';

/**
 * What the export routes take in their path, checked on the server with this schema and used
 * by the staff page to build its links: which agreed version, which format, whose part.
 */
export const exportFormats = ['pdf', 'docx', 'md', 'txt', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportRequestSchema = z.object({
  version: z.coerce.number().check(z.int(), z.positive(), z.lte(100_000)),
  format: z.enum(exportFormats),
});

export const myPartRequestSchema = z.object({
  version: z.coerce.number().check(z.int(), z.positive(), z.lte(100_000)),
  /** The id the plan's `who` keeps the person under: `guest:<id>`, `staff:<id>` or `name:<name>`. */
  personKey: z.string().check(z.minLength(3), z.maxLength(200)),
});

/**
 * `?lang=`: the family's plan (PDF) and "my part" in a family's language [LANG12], English by
 * default; the case record and the JSON stay English whatever is asked.
 */
export const exportLanguageSchema = z._default(z.enum(exportLanguages), 'en');

/** `?layout=`: a PDF on A4 (the default) or on a phone-sized page; other formats have no pages. */
export const pdfLayouts = ['a4', 'phone'] as const;
export type PdfLayout = (typeof pdfLayouts)[number];
export const pdfLayoutSchema = z._default(z.enum(pdfLayouts), 'a4');

const encode = encodeURIComponent;
const query = (layout: PdfLayout, language: ExportLanguage = 'en') => {
  const params = [
    ...(layout === 'a4' ? [] : [`layout=${layout}`]),
    ...(language === 'en' ? [] : [`lang=${language}`]),
  ];
  return params.length === 0 ? '' : `?${params.join('&')}`;
};

export const exportPath = (
  meetingId: string,
  version: number,
  format: ExportFormat,
  layout: PdfLayout = 'a4',
  language: ExportLanguage = 'en',
): string =>
  `/api/meetings/${encode(meetingId)}/plan-versions/${version}/export/${format}${query(layout, format === 'pdf' ? language : 'en')}`;

export const myPartPath = (
  meetingId: string,
  version: number,
  personKey: string,
  layout: PdfLayout = 'a4',
  language: ExportLanguage = 'en',
): string =>
  `/api/meetings/${encode(meetingId)}/plan-versions/${version}/my-part/${encode(personKey)}${query(layout, language)}`;
