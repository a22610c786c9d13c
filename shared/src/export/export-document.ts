import { exportWords } from './export-words.ts';

/**
 * What every export is made of: a title, a few lines under it, and sections in order, each a
 * heading and blocks. One document is built per audience (the family's plan, the case record,
 * one person's part) by a pure function here; each format (PDF, Word, Markdown, plain text)
 * only draws it, so the formats cannot disagree about what a plan says or in what order.
 */
export type SectionId =
  | 'meeting'
  | 'attendees'
  | 'decision'
  | 'mapWorries'
  | 'mapWorkingWell'
  | 'mapNeedsToHappen'
  | 'childsWords'
  | 'statements'
  | 'familyWords'
  | 'scaling'
  | 'sentBefore'
  | 'bottomLines'
  | 'rules'
  | 'planTests'
  | 'fireDrills'
  | 'contingency'
  | 'safetyObject'
  | 'nextSteps'
  | 'review'
  | 'agreement'
  | 'essentials'
  | 'journal'
  | 'drawings';

/** One thing in a list: its main text and labelled details ("Who: Pat Hollis"). */
export interface ExportItem {
  text: string;
  details: { label: string; text: string }[];
}

/**
 * A picture drawn in the meeting (the genogram, the three houses...), as a PNG, with its title;
 * png is null when the kept image cannot be read, and the PDF and Word show a note in its place.
 */
export interface ExportPicture {
  title: string;
  png: Uint8Array | null;
}

export type ExportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; numbered: boolean; items: ExportItem[] }
  | { kind: 'pictures'; pictures: readonly ExportPicture[] };

export interface ExportSection {
  id: SectionId;
  heading: string;
  blocks: ExportBlock[];
}

export interface ExportDocument {
  title: string;
  /** Short lines under the title: who it is for, when it was agreed. */
  lines: string[];
  sections: ExportSection[];
}

export const paragraph = (text: string): ExportBlock => ({ kind: 'paragraph', text });

export const list = (items: ExportItem[], numbered = false): ExportBlock => ({
  kind: 'list',
  numbered,
  items,
});

export const pictures = (each: readonly ExportPicture[]): ExportBlock => ({
  kind: 'pictures',
  pictures: each,
});

/** An item with only the details that have something in them. */
export function item(text: string, details: [label: string, text: string][] = []): ExportItem {
  return {
    text,
    details: details
      .filter(([, value]) => value.trim() !== '')
      .map(([label, value]) => ({ label, text: value })),
  };
}

/**
 * A section, or nothing when it would be empty: a printed plan has no blank headings. `intro`
 * is a line that explains the section, shown only when the section has something to explain.
 */
export function section(
  id: SectionId,
  heading: string,
  blocks: ExportBlock[],
  intro?: string,
): ExportSection[] {
  const useful = blocks.filter((block) =>
    block.kind === 'paragraph'
      ? block.text.trim() !== ''
      : (block.kind === 'list' ? block.items : block.pictures).length > 0,
  );
  if (useful.length === 0) return [];
  return [{ id, heading, blocks: intro ? [paragraph(intro), ...useful] : useful }];
}

/** "12 March 2026" from yyyy-mm-dd, in words so no reader mistakes day for month. */
export function longDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString(exportWords.language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export const longDateOfTime = (time: number): string => longDate(new Date(time).toISOString());
