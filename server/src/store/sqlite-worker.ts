/**
 * The worker thread behind `WorkerSqliteDialect` [STORE30]: the one `node:sqlite` connection,
 * its statements, lock waits and fsyncs, all off the event loop that relays edits.
 *
 * Group commit [STORE31]: every request that arrives in one turn of this thread's loop runs in
 * one SQLite transaction (`BEGIN IMMEDIATE … COMMIT`), so one failing statement or rolled-back
 * transaction undoes only itself: a Kysely transaction is a savepoint; a statement on its own
 * needs none, as SQLite backs out a statement that fails (ABORT, the default, and what the
 * store's triggers raise) and keeps the transaction; an error that ends the whole transaction
 * (ROLLBACK, I/O) fails the group. While a COMMIT's fsync runs
 * the next requests queue up, so the busier the server the more each fsync carries. A write is
 * answered only once its group's COMMIT has returned (with `synchronous = FULL`: on disk), and so
 * is a read that could have seen a write not yet durable; a failed COMMIT fails the whole group.
 * A plain read with no group open runs by itself, so a held write lock never blocks reading.
 *
 * One Kysely transaction at a time: while one is open, other connections' requests wait here (not
 * on the main thread) until it commits or rolls back.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type {
  WorkerAnswer,
  WorkerReply,
  WorkerRequest,
  WorkerSqliteOptions,
  WorkerStatement,
} from './worker-sqlite-protocol.ts';

const options = workerData as WorkerSqliteOptions;
const port = parentPort!;

/** A few hundred distinct statements cover everything the store asks; prepared once each. */
const statementCacheSize = 500;
const statements = new Map<string, { statement: StatementSync; reader: boolean }>();

let db: DatabaseSync;
try {
  db = new DatabaseSync(options.file);
  db.exec('PRAGMA journal_mode = WAL');
  // Durability as it was on the main thread: a committed transaction survives a power cut.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so an erased family leaves no bytes behind [ERASE6].
  db.exec('PRAGMA secure_delete = ON');
  // Lock waits happen in this thread, so they may be long without holding up any meeting.
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs))}`);
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (error) {
  port.postMessage({ ready: false, error: plainError(error) } satisfies WorkerReply);
  process.exit(0);
}

const totalChanges = db.prepare('SELECT total_changes() AS n');
const changesSoFar = () => Number((totalChanges.get() as { n: number }).n);
/** The control statements, prepared once: they run several times for every group. */
const control = Object.fromEntries(
  [
    'BEGIN IMMEDIATE',
    'COMMIT',
    'ROLLBACK',
    'SAVEPOINT kinboard_transaction',
    'RELEASE kinboard_transaction',
    'ROLLBACK TO kinboard_transaction',
    'SAVEPOINT kinboard_atomic',
    'RELEASE kinboard_atomic',
    'ROLLBACK TO kinboard_atomic',
  ].map((sql) => [sql, db.prepare(sql)]),
);

/** The open group transaction, if any, and what waits for its COMMIT. */
let group: { openedAt: number; changesAtStart: number; wrote: boolean; durable: DurableAnswer[] } | undefined;
/**
 * An answer held for its group's COMMIT. A plain read keeps its statement: if the group is lost
 * it is read again by itself, from what is durable, so a full disk never fails a read [RECORD4].
 */
type DurableAnswer = WorkerAnswer & { reread?: { sql: string; parameters: readonly unknown[] } };
/**
 * Transactions back to back would keep a group open for ever (it commits only between them):
 * one that ends in a group older than this commits it there and then.
 */
const maxGroupMs = 4;
/** The connection whose Kysely transaction is open, if any. */
let transactionOf: number | undefined;
/** Requests of other connections, waiting for that transaction to end. */
let waiting: WorkerRequest[] = [];
let commitScheduled = false;
let groupCommits = 0;
let closing: WorkerRequest | undefined;

port.on('message', (request: WorkerRequest) => {
  dispatch(request);
  scheduleCommit();
});

function dispatch(request: WorkerRequest): void {
  const ofOpenTransaction = transactionOf !== undefined && request.connection === transactionOf;
  // Closing lets the open transaction finish; nothing else is taken any more.
  if (closing && !ofOpenTransaction)
    return reply({ id: request.id, ok: false, error: { message: 'the store is closed' } });
  if (transactionOf !== undefined && !ofOpenTransaction) {
    waiting.push(request);
    return;
  }
  try {
    handle(request);
  } catch (error) {
    // Beginning the group (a lock held past busy_timeout) or ending a transaction failed.
    if (group && !db.isTransaction) return groupLost(error, request.id);
    reply({ id: request.id, ok: false, error: plainError(error) });
  }
}

function handle(request: WorkerRequest): void {
  if (request.kind === 'close') {
    closing = request;
    return;
  }
  if (request.kind === 'stats') {
    return reply({ id: request.id, ok: true, stats: { groupCommits } });
  }
  // A checkpoint cannot run inside a transaction: the group so far commits first, then the
  // checkpoint runs by itself (after a family's erasure [ERASE6]).
  if (
    request.kind === 'query' &&
    transactionOf === undefined &&
    /^\s*PRAGMA\s+wal_checkpoint/i.test(request.sql)
  ) {
    commitGroup();
    const { result } = execute(request.sql, request.parameters);
    return reply({ id: request.id, ok: true, result });
  }
  // A plain read with no group open sees only durable rows: it runs by itself, taking no write
  // lock, so boards stay readable while another process holds that lock or the disk is full
  // [RECORD4] (BEGIN IMMEDIATE would wait busy_timeout and then fail every read).
  if (request.kind === 'query' && !group && transactionOf === undefined && plainRead(request.sql)) {
    const { result } = execute(request.sql, request.parameters);
    return reply({ id: request.id, ok: true, result });
  }
  if (request.kind === 'atomic') return runAtomically(request.id, request.statements);
  openGroup();
  const open = group!;
  if (request.kind === 'begin') {
    run('SAVEPOINT kinboard_transaction');
    transactionOf = request.connection;
    return reply({ id: request.id, ok: true });
  }
  if (request.kind === 'rollback') {
    // After a lost group there is no transaction left to roll back.
    if (transactionOf === request.connection) endTransaction(false);
    return reply({ id: request.id, ok: true });
  }
  if (request.kind === 'commit') {
    try {
      run('RELEASE kinboard_transaction');
      transactionOf = undefined;
      open.durable.push({ id: request.id, ok: true });
      if (performance.now() - open.openedAt >= maxGroupMs) commitGroup();
    } catch (error) {
      if (!db.isTransaction) return groupLost(error, request.id);
      endTransaction(false);
      return reply({ id: request.id, ok: false, error: plainError(error) });
    }
    return resumeWaiting();
  }
  const alone = transactionOf === undefined;
  try {
    const { result, reader } = execute(request.sql, request.parameters);
    // Anything but a plain read (DDL too, which total_changes does not count) may have written.
    if (
      !reader ||
      (!open.wrote && !/^\s*select\b/i.test(request.sql) && changesSoFar() > open.changesAtStart)
    )
      open.wrote = true;
    const answer: WorkerAnswer = { id: request.id, ok: true, result };
    if (alone && open.wrote)
      open.durable.push(
        reader && /^\s*select\b/i.test(request.sql)
          ? { ...answer, reread: { sql: request.sql, parameters: request.parameters } }
          : answer,
      );
    else reply(answer);
  } catch (error) {
    // SQLite backed the statement out; only an error that ended the transaction loses the group.
    if (!db.isTransaction) return groupLost(error, request.id);
    reply({ id: request.id, ok: false, error: plainError(error) });
  }
}

/**
 * A batch of statements sent as one message [STORE33]: the whole of a Kysely transaction's work
 * (the hot path's INSERTs) kept all or none within the group, so it costs one message each way
 * instead of one per statement plus the transaction's own. Answered once the group's COMMIT is
 * durable.
 */
function runAtomically(id: number, statements: readonly WorkerStatement[]): void {
  // The first in its group needs no savepoint: undoing it is undoing the group.
  const first = !group;
  openGroup(true);
  const open = group!;
  if (!first) run('SAVEPOINT kinboard_atomic');
  try {
    for (const { sql, parameters } of statements) execute(sql, parameters);
    if (!first) run('RELEASE kinboard_atomic');
  } catch (error) {
    if (!db.isTransaction) return groupLost(error, id);
    if (first) {
      run('ROLLBACK');
      group = undefined;
    } else {
      run('ROLLBACK TO kinboard_atomic');
      run('RELEASE kinboard_atomic');
    }
    return reply({ id, ok: false, error: plainError(error) });
  }
  open.durable.push({ id, ok: true });
}

/**
 * Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction by itself:
 * then nothing of the group is kept, and everything waiting on it fails with that error.
 */
function groupLost(error: unknown, id: number): void {
  const lost = group;
  group = undefined;
  transactionOf = undefined;
  reply({ id, ok: false, error: plainError(error) });
  failGroup(lost?.durable ?? [], error);
  resumeWaiting();
}

/** A lost group's answers: its writes fail; its plain reads are read again from what is durable. */
function failGroup(answers: readonly DurableAnswer[], error: unknown): void {
  for (const answer of answers) {
    if (answer.reread && !db.isTransaction)
      try {
        const { result } = execute(answer.reread.sql, answer.reread.parameters);
        reply({ id: answer.id, ok: true, result });
        continue;
      } catch {
        // Fails as the group did.
      }
    reply({ id: answer.id, ok: false, error: plainError(error) });
  }
}

/** A SELECT that returns rows (not INSERT … RETURNING, not a CTE that might write). */
function plainRead(sql: string): boolean {
  return /^\s*select\b/i.test(sql) && prepare(sql).reader;
}

function prepare(sql: string) {
  let prepared = statements.get(sql);
  if (!prepared) {
    const statement = db.prepare(sql);
    prepared = { statement, reader: statement.columns().length > 0 };
    if (statements.size >= statementCacheSize) statements.delete(statements.keys().next().value!);
    statements.set(sql, prepared);
  }
  return prepared;
}

function execute(sql: string, parameters: readonly unknown[]) {
  const prepared = prepare(sql);
  const args = parameters as SQLInputValue[];
  if (prepared.reader) return { reader: true, result: { rows: prepared.statement.all(...args) } };
  const { changes, lastInsertRowid } = prepared.statement.run(...args);
  return {
    reader: false,
    result: { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) },
  };
}

function endTransaction(committed: boolean): void {
  if (!committed) {
    run('ROLLBACK TO kinboard_transaction');
    run('RELEASE kinboard_transaction');
  }
  transactionOf = undefined;
  resumeWaiting();
}

/** Requests held back by the transaction that just ended, in order, until another one opens. */
function resumeWaiting(): void {
  const queue = waiting;
  waiting = [];
  for (const request of queue) dispatch(request);
}

function openGroup(writes = false): void {
  if (group) return;
  run('BEGIN IMMEDIATE');
  // A group opened by a batch of writes has written (or, if the batch fails, is taken to have):
  // no count of changes is needed to tell.
  group = {
    openedAt: performance.now(),
    changesAtStart: writes ? 0 : changesSoFar(),
    wrote: writes,
    durable: [],
  };
}

function scheduleCommit(): void {
  if (commitScheduled) return;
  commitScheduled = true;
  // After this turn's messages: everything that arrived meanwhile shares the fsync.
  setImmediate(commitGroup);
}

function commitGroup(): void {
  commitScheduled = false;
  // A Kysely transaction spans turns; the group commits once it has ended.
  if (transactionOf !== undefined) return;
  const open = group;
  if (open) {
    group = undefined;
    try {
      run('COMMIT');
      groupCommits++;
      for (const answer of open.durable) reply(answer);
    } catch (error) {
      // Nothing of the group is kept: every request waiting on it fails.
      if (db.isTransaction) run('ROLLBACK');
      failGroup(open.durable, error);
    }
  }
  if (closing && db.isOpen) {
    db.close();
    reply({ id: closing.id, ok: true });
    port.close();
  }
}

function run(sql: string): void {
  const prepared = control[sql];
  if (prepared) prepared.run();
  else db.exec(sql);
}

function reply(answer: WorkerReply): void {
  port.postMessage(answer);
}

function plainError(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, errcode, errstr } = error as Error & { code?: string; errcode?: number; errstr?: string };
  return { message: error.message, code, errcode, errstr };
}
