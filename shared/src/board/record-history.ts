import * as Y from 'yjs';
import type { ParticipantRole } from '../access/roles.ts';
import type { DocumentPart } from '../protocol/document-name.ts';
import { readBottomLine, readBottomLines, bottomLinesRoot } from './bottom-line.ts';
import { cardsRoot, readCardById, readCards, type Card } from './card.ts';
import { planRules, readPlanRules, type PlanRule } from './plan-rule.ts';
import {
  readStatementPair,
  readStatementPairs,
  statementPairsRoot,
  statementParts,
  type StatementPair,
} from './statement-pair.ts';

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
/** Reads every item of a kind, or one (undefined when it is gone or unreadable), as the same fields. */
interface Reader {
  all(doc: Y.Doc): Map<string, ItemFields>;
  one(doc: Y.Doc, id: string): ItemFields | undefined;
}

const cardFields = (card: Card): ItemFields => ({ text: card.text, domain: card.domain });
const statementFields = (pair: StatementPair): ItemFields =>
  Object.fromEntries(statementParts.map((part) => [part, pair[part]]));
const ruleFields = (rule: PlanRule): ItemFields => ({
  ...rule.fields,
  who: rule.who.map((person) => person.name).join(', '),
});

/** A reader from a kind's "read all" and "read one" functions and what it keeps of an item. */
function reader<T extends { id: string }>(
  all: (doc: Y.Doc) => T[],
  one: (doc: Y.Doc, id: string) => T | undefined,
  fields: (item: T) => ItemFields,
): Reader {
  return {
    all: (doc) => new Map(all(doc).map((item) => [item.id, fields(item)])),
    one: (doc, id) => {
      const item = one(doc, id);
      return item && fields(item);
    },
  };
}

const readers: Record<DocumentPart, { root: string; kinds: Partial<Record<HistoryItemKind, Reader>> }[]> = {
  map: [{ root: cardsRoot, kinds: { card: reader(readCards, readCardById, cardFields) } }],
  frame: [
    {
      root: statementPairsRoot,
      kinds: {
        statement: reader(readStatementPairs, readStatementPair, statementFields),
        goal: reader(readStatementPairs, readStatementPair, (pair) => ({ goal: pair.goal })),
      },
    },
    {
      root: bottomLinesRoot,
      kinds: { bottomLine: reader(readBottomLines, readBottomLine, (line) => ({ text: line.text })) },
    },
  ],
  plan: [
    {
      root: planRules.root,
      kinds: { planRule: reader(readPlanRules, (doc, id) => planRules.readOne(doc, id), ruleFields) },
    },
  ],
  'drawing-genogram': [],
  'drawing-houses': [],
  'drawing-story': [],
};

/**
 * Every item's versions from a document's history, items in the order they first appeared.
 *
 * The document is replayed once; after each update only the items it touched are read again
 * (each item is an entry of its root map, and its words come from that entry alone), as reading
 * every item's text after every update made a busy hour's history take many seconds. An update
 * that touches several items reads them all, in the kind's own order, as before.
 */
export function recordHistory(part: DocumentPart, steps: readonly HistoryStep[]): ItemHistory[] {
  const groups = readers[part];
  const doc = new Y.Doc();
  const histories = new Map<string, ItemHistory>();
  const last = new Map<string, ItemFields>();
  /** Per root, the entries the update being applied touched. */
  const touched = new Map<string, Set<string>>();
  for (const { root } of groups) {
    const map = doc.getMap(root);
    map.observeDeep((events) => {
      let ids = touched.get(root);
      if (!ids) touched.set(root, (ids = new Set()));
      for (const event of events) {
        if (event.target === map && event instanceof Y.YMapEvent)
          for (const key of event.keysChanged) ids.add(key);
        else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
      }
    });
  }
  try {
    for (const step of steps) {
      touched.clear();
      Y.applyUpdate(doc, step.update);
      for (const group of groups) {
        const ids = touched.get(group.root);
        if (!ids || ids.size === 0) continue;
        for (const [kind, read] of Object.entries(group.kinds) as [HistoryItemKind, Reader][]) {
          if (ids.size === 1) {
            const id = ids.values().next().value!;
            noteItem(histories, last, kind, id, read.one(doc, id), step);
            continue;
          }
          const now = read.all(doc);
          for (const [id, fields] of now) noteItem(histories, last, kind, id, fields, step);
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

/** One item as it is after the step: added, changed, removed, or (the same words) nothing. */
function noteItem(
  histories: Map<string, ItemHistory>,
  last: Map<string, ItemFields>,
  kind: HistoryItemKind,
  id: string,
  fields: ItemFields | undefined,
  step: HistoryStep,
): void {
  const key = `${kind}:${id}`;
  const before = last.get(key);
  if (fields === undefined) {
    if (!before) return;
    last.delete(key);
    note(histories, kind, id, 'removed', before, step);
    return;
  }
  if (before && sameFields(before, fields)) return;
  last.set(key, fields);
  note(histories, kind, id, before ? 'changed' : 'added', fields, step);
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
