import * as Y from 'yjs';
import type { ParticipantRole } from '../access/roles.ts';
import type { DocumentPart } from '../protocol/document-name.ts';
import { readBottomLines, bottomLinesRoot } from './bottom-line.ts';
import { cardsRoot, readCards } from './card.ts';
import { planRules, readPlanRules } from './plan-rule.ts';
import { readStatementPairs, statementPairsRoot, statementParts } from './statement-pair.ts';

/**
 * Who wrote what on a board, item by item [HISTORY4]: a document's stored history (every update,
 * with the author the server recorded) replayed in order on a fresh document, reading the items
 * after each update, so each version of a card, statement, goal, bottom line or plan rule is
 * the words it had then, who wrote them, and when.
 */

/** One stored update with who the server recorded as its author and when it was stored. */
export interface HistoryStep {
  update: Uint8Array;
  author: HistoryAuthor | null;
  at: number;
}

export interface HistoryAuthor {
  /** The participant key (`staff:<id>` or `guest:<id>`); none for the server's own writes. */
  participant: string | null;
  name: string;
  role: ParticipantRole | null;
}

export const historyItemKinds = ['card', 'statement', 'goal', 'bottomLine', 'planRule'] as const;
export type HistoryItemKind = (typeof historyItemKinds)[number];

export interface ItemVersion {
  change: 'added' | 'changed' | 'removed';
  /** The item's words after this version (the last words it had, for `removed`). */
  fields: Record<string, string>;
  /** Who wrote it; none when the server wrote it or it was stored before history was kept. */
  author: HistoryAuthor | null;
  /** When its first and last edit were stored (the same for a single edit). */
  from: number;
  at: number;
}

export interface ItemHistory {
  kind: HistoryItemKind;
  id: string;
  versions: ItemVersion[];
}

/**
 * Edits by one person to one item that follow each other within this long are one version:
 * typing a sentence stores an update per few keystrokes, and nobody needs each of them.
 */
export const oneVersionWithinMs = 2 * 60_000;

type ItemFields = Record<string, string>;
type Reader = (doc: Y.Doc) => Map<string, ItemFields>;

const readers: Record<DocumentPart, { root: string; kinds: Partial<Record<HistoryItemKind, Reader>> }[]> = {
  map: [
    {
      root: cardsRoot,
      kinds: {
        card: (doc) =>
          new Map(readCards(doc).map((card) => [card.id, { text: card.text, domain: card.domain }])),
      },
    },
  ],
  frame: [
    {
      root: statementPairsRoot,
      kinds: {
        statement: (doc) =>
          new Map(
            readStatementPairs(doc).map((pair) => [
              pair.id,
              Object.fromEntries(statementParts.map((part) => [part, pair[part]])),
            ]),
          ),
        goal: (doc) => new Map(readStatementPairs(doc).map((pair) => [pair.id, { goal: pair.goal }])),
      },
    },
    {
      root: bottomLinesRoot,
      kinds: {
        bottomLine: (doc) => new Map(readBottomLines(doc).map((line) => [line.id, { text: line.text }])),
      },
    },
  ],
  plan: [
    {
      root: planRules.root,
      kinds: {
        planRule: (doc) =>
          new Map(
            readPlanRules(doc).map((rule) => [
              rule.id,
              { ...rule.fields, who: rule.who.map((person) => person.name).join(', ') },
            ]),
          ),
      },
    },
  ],
  'drawing-genogram': [],
  'drawing-houses': [],
  'drawing-story': [],
};

/** Every item's versions from a document's history, items in the order they first appeared. */
export function recordHistory(part: DocumentPart, steps: readonly HistoryStep[]): ItemHistory[] {
  const groups = readers[part];
  const doc = new Y.Doc();
  const histories = new Map<string, ItemHistory>();
  const last = new Map<string, ItemFields>();
  const changedRoots = new Set<string>();
  for (const { root } of groups)
    doc.getMap(root).observeDeep(() => {
      changedRoots.add(root);
    });
  try {
    for (const step of steps) {
      changedRoots.clear();
      Y.applyUpdate(doc, step.update);
      for (const group of groups) {
        if (!changedRoots.has(group.root)) continue;
        for (const [kind, read] of Object.entries(group.kinds) as [HistoryItemKind, Reader][]) {
          const now = read(doc);
          for (const [id, fields] of now) {
            const key = `${kind}:${id}`;
            const before = last.get(key);
            if (before && sameFields(before, fields)) continue;
            last.set(key, fields);
            note(histories, kind, id, before ? 'changed' : 'added', fields, step);
          }
          for (const [key, fields] of last) {
            const [keyKind, id] = splitKey(key);
            if (keyKind !== kind || now.has(id)) continue;
            last.delete(key);
            note(histories, kind, id, 'removed', fields, step);
          }
        }
      }
    }
  } finally {
    doc.destroy();
  }
  return [...histories.values()];
}

function note(
  histories: Map<string, ItemHistory>,
  kind: HistoryItemKind,
  id: string,
  change: ItemVersion['change'],
  fields: ItemFields,
  step: HistoryStep,
): void {
  const key = `${kind}:${id}`;
  let history = histories.get(key);
  if (!history) histories.set(key, (history = { kind, id, versions: [] }));
  const previous = history.versions.at(-1);
  const author = step.author;
  if (
    previous &&
    change === 'changed' &&
    previous.change !== 'removed' &&
    sameAuthor(previous.author, author) &&
    step.at - previous.at <= oneVersionWithinMs
  ) {
    previous.fields = fields;
    previous.at = step.at;
    return;
  }
  history.versions.push({ change, fields, author, from: step.at, at: step.at });
}

function sameAuthor(a: HistoryAuthor | null, b: HistoryAuthor | null): boolean {
  return a === null || b === null ? a === b : a.participant === b.participant && a.name === b.name;
}

function sameFields(a: ItemFields, b: ItemFields): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
