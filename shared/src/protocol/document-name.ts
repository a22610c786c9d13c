import * as z from 'zod/mini';
import { drawingParts } from '../drawing/drawing-canvas.ts';

/**
 * Each meeting's board is split into documents so that write rights can differ per document:
 * `map` holds the cards everyone adds; `frame` holds what staff draft and the chair sets
 * (statements and goals, bottom lines, the agenda, the vocabulary); `plan` holds the safety plan
 * the family and network build from their phones (rules, fire drills, next steps, trajectory,
 * contingency plan and safety object); each `drawing-<canvas>` holds one of the meeting's drawings
 * (drawing-canvas.ts). A document's name is
 * `<meetingId>.<part>`, used as the path after `/yjs/`.
 */
export const documentParts = ['map', 'frame', 'plan', ...drawingParts] as const;
export type DocumentPart = (typeof documentParts)[number];

export const meetingIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'a meeting id is 3-63 lowercase letters, digits or dashes'));

export interface DocumentName {
  meetingId: string;
  part: DocumentPart;
}

export function formatDocumentName(name: DocumentName): string {
  return `${name.meetingId}.${name.part}`;
}

/** Returns undefined for anything that is not a well-formed document name. */
export function parseDocumentName(raw: string): DocumentName | undefined {
  if (raw.length > 80) return undefined;
  const dot = raw.lastIndexOf('.');
  if (dot < 0) return undefined;
  const meetingId = raw.slice(0, dot);
  const part = raw.slice(dot + 1);
  if (!meetingIdSchema.safeParse(meetingId).success) return undefined;
  if (!(documentParts as readonly string[]).includes(part)) return undefined;
  return { meetingId, part: part as DocumentPart };
}
