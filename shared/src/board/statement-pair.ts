import * as Y from 'yjs';
import * as z from 'zod/mini';
import { byPosition, positionWrites } from './position.ts';
import { readText, replaceText } from './text-edit.ts';

/**
 * A danger (or worry) statement and its goal, kept as ONE record so that neither can exist
 * without the other: every worry needs a goal and every goal answers a worry. Root Y.Map
 * `statementPairs`: pairId -> Y.Map { whoIsWorried, behaviour, impactOnChild, statement, goal
 * (each Y.Text, so people can write one together), position, createdAt, draft }.
 * `statement` is the full text read out in the meeting; the three parts help draft it.
 */
export const statementPairsRoot = 'statementPairs';

export const statementParts = ['whoIsWorried', 'behaviour', 'impactOnChild', 'statement'] as const;
export type StatementPart = (typeof statementParts)[number];
const textFields = [...statementParts, 'goal'] as const;
type TextField = (typeof textFields)[number];

export const maxStatementTextLength = 4000;
const text = z.string().check(z.maxLength(maxStatementTextLength));

export const statementPairInputSchema = z.object({
  whoIsWorried: z._default(text, ''),
  behaviour: z._default(text, ''),
  impactOnChild: z._default(text, ''),
  statement: text,
  goal: text,
  /** Drafted before the meeting and not yet shared and agreed with the family. */
  draft: z._default(z.boolean(), true),
});
export type StatementPairInput = z.input<typeof statementPairInputSchema>;

export interface StatementPair extends Record<TextField, string> {
  id: string;
  position: string;
  createdAt: number;
  draft: boolean;
}

type PairMap = Y.Map<unknown>;

export function statementPairsOf(doc: Y.Doc): Y.Map<PairMap> {
  return doc.getMap<PairMap>(statementPairsRoot);
}

/** Creates a statement and its goal at once, at the end, and returns the pair's id. */
export function pairStatementWithGoal(
  doc: Y.Doc,
  input: StatementPairInput,
  options: { id?: string; now?: number } = {},
): string {
  const valid = statementPairInputSchema.parse(input);
  const id = options.id ?? `sp_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const pairs = readStatementPairs(doc);
  doc.transact(() => {
    const writes = positionWrites(pairs, id, pairs.length);
    for (const [other, position] of writes) statementPairsOf(doc).get(other)?.set('position', position);
    const pair: PairMap = new Y.Map();
    for (const field of textFields) pair.set(field, new Y.Text(valid[field]));
    pair.set('position', writes.find(([each]) => each === id)![1]);
    pair.set('createdAt', options.now ?? Date.now());
    pair.set('draft', valid.draft);
    statementPairsOf(doc).set(id, pair);
  });
  return id;
}

/** A pair we can show: it has a statement. Anything else (an orphan goal) is never read. */
function readablePair(doc: Y.Doc, id: string): PairMap | undefined {
  const pair = statementPairsOf(doc).get(id);
  return pair instanceof Y.Map && readText(pair.get('statement')) !== undefined ? pair : undefined;
}

/** The field's shared text, made into one if a malformed entry held a plain string or nothing. */
function sharedText(pair: PairMap, field: TextField): Y.Text {
  const value = pair.get(field);
  if (value instanceof Y.Text) return value;
  const repaired = new Y.Text(readText(value) ?? '');
  pair.set(field, repaired);
  return repaired;
}

function edit(doc: Y.Doc, id: string, changes: Partial<Record<TextField, string>>): void {
  const pair = readablePair(doc, id);
  if (!pair) return;
  doc.transact(() => {
    for (const field of textFields) {
      const next = changes[field];
      if (next !== undefined) replaceText(sharedText(pair, field), next.slice(0, maxStatementTextLength));
    }
  });
}

/** Edits the statement and/or its parts, changing only what differs. */
export function editStatement(doc: Y.Doc, id: string, changes: Partial<Record<StatementPart, string>>): void {
  const { whoIsWorried, behaviour, impactOnChild, statement } = changes;
  edit(doc, id, { whoIsWorried, behaviour, impactOnChild, statement });
}

export function editGoal(doc: Y.Doc, id: string, next: string): void {
  edit(doc, id, { goal: next });
}

export function setStatementPairDraft(doc: Y.Doc, id: string, draft: boolean): void {
  readablePair(doc, id)?.set('draft', draft);
}

/** Removes the statement and its goal together. */
export function deleteStatementPair(doc: Y.Doc, id: string): void {
  statementPairsOf(doc).delete(id);
}

export function moveStatementPair(doc: Y.Doc, id: string, toIndex: number): void {
  const pairs = readStatementPairs(doc);
  if (!pairs.some((pair) => pair.id === id)) return;
  doc.transact(() => {
    for (const [each, position] of positionWrites(pairs, id, toIndex))
      statementPairsOf(doc).get(each)?.set('position', position);
  });
}

/**
 * Every pair in order. A malformed entry is read as well as it can be (a missing goal reads as
 * one still to write); an entry with no statement is skipped, so no goal is ever shown alone.
 */
export function readStatementPairs(doc: Y.Doc): StatementPair[] {
  const pairs: StatementPair[] = [];
  for (const id of statementPairsOf(doc).keys()) {
    const pair = readStatementPair(doc, id);
    if (pair) pairs.push(pair);
  }
  return pairs.sort(byPosition);
}

/** One statement pair, if it is there and readable (what `readStatementPairs` would list for it). */
export function readStatementPair(doc: Y.Doc, id: string): StatementPair | undefined {
  const pair = readablePair(doc, id);
  if (!pair) return undefined;
  const [whoIsWorried, behaviour, impactOnChild, statement, goal] = textFields.map(
    (field) => readText(pair.get(field)) ?? '',
  ) as [string, string, string, string, string];
  const position = pair.get('position');
  const createdAt = pair.get('createdAt');
  return {
    ...{ id, whoIsWorried, behaviour, impactOnChild, statement, goal },
    position: typeof position === 'string' ? position : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    draft: pair.get('draft') !== false,
  };
}
