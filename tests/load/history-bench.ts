/**
 * History benchmark [HISTORY8]: what keeping every board edit with its author costs. One busy
 * meeting is played into a real SQLite store (a temp file, WAL, synchronous=FULL) through the
 * store's own methods, as the sync server stores it: batches of updates, each with its author,
 * and the update log compacted every 500 stored updates (COMPACT_AFTER_UPDATES' default).
 *
 *   node tests/load/history-bench.ts [--minutes 60] [--people 12] [--every 2000]
 *
 * `--people` people each make one edit every `--every` ms of meeting time (a few characters
 * typed into one of 40 cards, or a new card); time is simulated, so an hour takes as long as its
 * writes do. Then it prints: the update log and the history (rows, bytes), the database file
 * with history ("after") and the same file with the history table emptied, which is what the
 * store kept before history ("before", compaction only); the time to load the board from each
 * (what a room does on first connection: read the log, apply it); and the time to build the
 * board's item history (read the history, replay it), which only the history view pays.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { addCard, domainIds, editCardText, readCards, recordHistory } from '@kinboard/shared';
import { openSqliteStore } from '../../server/src/store/open-store.ts';
import type { DocumentUpdate } from '../../server/src/store/store.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    people: { type: 'string', default: '12' },
    every: { type: 'string', default: '2000' },
  },
  strict: false,
});
const minutes = Math.max(1, Number(values.minutes) || 60);
const people = Math.max(1, Number(values.people) || 12);
const everyMs = Math.max(100, Number(values.every) || 2000);
const compactAfter = 500;
const documentName = 'bench-meeting.map';

const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-history-bench-'));
const withHistory = path.join(dir, 'with-history.db');
const withoutHistory = path.join(dir, 'compaction-only.db');

/** A small deterministic random source, so two runs play the same meeting. */
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const words = [
  'Dad',
  'shouted',
  'at',
  'night',
  'Gran',
  'walks',
  'them',
  'to',
  'school',
  'every',
  'morning',
  'safe',
];

async function playMeeting(): Promise<{ updates: number; seconds: number }> {
  const store = await openSqliteStore(withHistory);
  const board = new Y.Doc();
  const authors = Array.from({ length: people }, (_, index) => ({
    key: index === 0 ? 'staff:chair' : `guest:p${index}`,
    name: `Person ${index + 1}`,
    role: index === 0 ? ('staff' as const) : ('family' as const),
  }));
  const edits = Math.round((minutes * 60_000 * people) / everyMs);
  // The sync server batches what arrives in one turn of the event loop: a few edits a batch.
  const perBatch = Math.max(1, Math.round(people / 4));
  let pending: DocumentUpdate[] = [];
  let sinceCompaction = 0;
  board.on('update', (update: Uint8Array, origin: (typeof authors)[number]) =>
    pending.push({
      documentName,
      update,
      origin: origin.key,
      author: { name: origin.name, role: origin.role },
    }),
  );
  const started = performance.now();
  for (let edit = 0; edit < edits; edit++) {
    const author = authors[edit % people]!;
    const cards = readCards(board);
    board.transact(() => {
      if (cards.length < 40 && (cards.length === 0 || random() < 0.05))
        addCard(board, {
          domain: domainIds[Math.floor(random() * domainIds.length)]!,
          text: '',
          author: author.name,
          authorId: author.key,
          perspective: 'family',
        });
      else {
        const card = cards[Math.floor(random() * cards.length)]!;
        const next =
          card.text.length > 300
            ? card.text.slice(40)
            : `${card.text} ${words[Math.floor(random() * words.length)]}`;
        editCardText(board, card.id, next);
      }
    }, author);
    if (pending.length >= perBatch) {
      sinceCompaction += pending.length;
      await store.appendUpdates(pending);
      pending = [];
      if (sinceCompaction >= compactAfter) {
        await store.compactDocument(documentName, Y.encodeStateAsUpdate(board));
        sinceCompaction = 0;
      }
    }
  }
  if (pending.length > 0) await store.appendUpdates(pending);
  await store.compactDocument(documentName, Y.encodeStateAsUpdate(board));
  await store.close();
  return { updates: edits, seconds: (performance.now() - started) / 1000 };
}

function tableBytes(
  file: string,
  table: 'document_update' | 'document_history',
): { rows: number; bytes: number } {
  const db = new DatabaseSync(file);
  try {
    const row = db
      .prepare(`SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS b FROM ${table}`)
      .get() as {
      n: number;
      b: number;
    };
    return { rows: row.n, bytes: row.b };
  } finally {
    db.close();
  }
}

/** The file as it rests: WAL folded in, free pages dropped. */
function settle(file: string, dropHistory: boolean): number {
  const db = new DatabaseSync(file);
  try {
    if (dropHistory) db.exec('DELETE FROM document_history');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
  } finally {
    db.close();
  }
  return statSync(file).size;
}

async function median(runs: number, work: () => Promise<void>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function loadTime(file: string): Promise<number> {
  const store = await openSqliteStore(file);
  try {
    return await median(20, async () => {
      const doc = new Y.Doc();
      const { updates } = await store.loadDocument(documentName);
      Y.transact(doc, () => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      doc.destroy();
    });
  } finally {
    await store.close();
  }
}

async function historyTime(file: string): Promise<{ ms: number; versions: number; items: number }> {
  const store = await openSqliteStore(file);
  let versions = 0;
  let items = 0;
  try {
    const ms = await median(3, async () => {
      const entries = await store.loadDocumentHistory(documentName);
      const history = recordHistory(
        'map',
        entries.map(({ update, participant, author, at }) => ({
          update,
          at,
          author: author && { participant, name: author.name, role: author.role },
        })),
      );
      items = history.length;
      versions = history.reduce((sum, item) => sum + item.versions.length, 0);
    });
    return { ms, versions, items };
  } finally {
    await store.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
try {
  console.log(
    `history benchmark: ${minutes} min of meeting, ${people} people, one edit each every ${everyMs} ms, ` +
      `compaction every ${compactAfter} updates, Node ${process.version}`,
  );
  const played = await playMeeting();
  console.log(`played ${played.updates} edits in ${played.seconds.toFixed(1)} s of writes`);
  const log = tableBytes(withHistory, 'document_update');
  const history = tableBytes(withHistory, 'document_history');
  console.log(`update log after compaction: ${log.rows} row(s), ${kb(log.bytes)}`);
  console.log(
    `history: ${history.rows} rows, ${kb(history.bytes)} of updates (${(history.bytes / history.rows).toFixed(0)} B each)`,
  );
  copyFileSync(withHistory, withoutHistory);
  const after = settle(withHistory, false);
  const before = settle(withoutHistory, true);
  const perHour = (bytes: number) => kb((bytes * 60) / minutes);
  // The empty schema is most of a small file; what grows with the meeting is the difference.
  console.log(`database file, before (compaction only): ${kb(before)}; after (history kept): ${kb(after)}`);
  console.log(
    `storage per hour of this meeting: before ${perHour(log.bytes)} (the compacted board), ` +
      `after ${perHour(log.bytes + history.bytes)} of rows, the file ${perHour(after - before)} larger`,
  );
  // Measured twice, alternately, and the second pair kept: the first runs warm the code and the page cache.
  for (const file of [withoutHistory, withHistory]) await loadTime(file);
  const [loadBefore, loadAfter] = [await loadTime(withoutHistory), await loadTime(withHistory)];
  console.log(
    `board load (median of 20): before ${loadBefore.toFixed(2)} ms, after ${loadAfter.toFixed(2)} ms`,
  );
  const built = await historyTime(withHistory);
  console.log(
    `item history of the board (median of 3): ${built.ms.toFixed(0)} ms for ${built.items} items, ${built.versions} versions`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
