import * as Y from 'yjs';
import * as z from 'zod/mini';
import { byPosition, positionWrites } from './position.ts';
import { readText, replaceText } from './text-edit.ts';

/**
 * Bottom lines: the few non-negotiable conditions the agency sets on how a goal must be met.
 * Kept apart from goals (a goal says what, a bottom line says how) and kept few: past the soft
 * limit the interface warns, but never refuses, because the chair may have good reason.
 * Root Y.Map `bottomLines`: id -> Y.Map { text (Y.Text), position, createdAt }.
 */
export const bottomLinesRoot = 'bottomLines';

export const bottomLineSoftLimit = 5;
export const maxBottomLineLength = 1000;

export const bottomLineTextSchema = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(maxBottomLineLength));

export interface BottomLine {
  id: string;
  text: string;
  position: string;
  createdAt: number;
}

type LineMap = Y.Map<unknown>;

export function bottomLinesOf(doc: Y.Doc): Y.Map<LineMap> {
  return doc.getMap<LineMap>(bottomLinesRoot);
}

/** True when there are more bottom lines than the practice advises; the interface says so. */
export function tooManyBottomLines(count: number): boolean {
  return count > bottomLineSoftLimit;
}

/** Adds a bottom line at the end; returns its id, or undefined for empty or over-long text. */
export function addBottomLine(
  doc: Y.Doc,
  text: string,
  options: { id?: string; now?: number } = {},
): string | undefined {
  const parsed = bottomLineTextSchema.safeParse(text);
  if (!parsed.success) return undefined;
  const id = options.id ?? `bl_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const lines = readBottomLines(doc);
  doc.transact(() => {
    const writes = positionWrites(lines, id, lines.length);
    for (const [other, position] of writes) bottomLinesOf(doc).get(other)?.set('position', position);
    const line: LineMap = new Y.Map();
    line.set('text', new Y.Text(parsed.data));
    line.set('position', writes.find(([each]) => each === id)![1]);
    line.set('createdAt', options.now ?? Date.now());
    bottomLinesOf(doc).set(id, line);
  });
  return id;
}

export function editBottomLine(doc: Y.Doc, id: string, next: string): void {
  const line = bottomLinesOf(doc).get(id);
  if (!(line instanceof Y.Map)) return;
  doc.transact(() => {
    let text = line.get('text');
    if (!(text instanceof Y.Text)) line.set('text', (text = new Y.Text(readText(text) ?? '')));
    replaceText(text as Y.Text, next.slice(0, maxBottomLineLength));
  });
}

export function removeBottomLine(doc: Y.Doc, id: string): void {
  bottomLinesOf(doc).delete(id);
}

export function moveBottomLine(doc: Y.Doc, id: string, toIndex: number): void {
  const lines = readBottomLines(doc);
  if (!lines.some((line) => line.id === id)) return;
  doc.transact(() => {
    for (const [each, position] of positionWrites(lines, id, toIndex))
      bottomLinesOf(doc).get(each)?.set('position', position);
  });
}

/** Every readable bottom line in order; an entry with no text is skipped. */
export function readBottomLines(doc: Y.Doc): BottomLine[] {
  const lines: BottomLine[] = [];
  for (const id of bottomLinesOf(doc).keys()) {
    const line = readBottomLine(doc, id);
    if (line) lines.push(line);
  }
  return lines.sort(byPosition);
}

/** One bottom line, if it is there and has text (what `readBottomLines` would list for it). */
export function readBottomLine(doc: Y.Doc, id: string): BottomLine | undefined {
  const line = bottomLinesOf(doc).get(id);
  if (!(line instanceof Y.Map)) return undefined;
  const text = readText(line.get('text'));
  if (text === undefined) return undefined;
  const position = line.get('position');
  const createdAt = line.get('createdAt');
  return {
    id,
    text,
    position: typeof position === 'string' ? position : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}
