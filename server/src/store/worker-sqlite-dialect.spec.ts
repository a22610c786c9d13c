import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerSqliteDialect, WorkerSqliteError } from './worker-sqlite-dialect.ts';

interface Database {
  note: { id: Generated<number>; text: string; data: Uint8Array | null; count: Generated<number> };
}

describe('[STORE30] [STORE31] WorkerSqliteDialect: SQLite in a worker thread, in group commits', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(options: { busyTimeoutMs?: number } = {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-worker-sqlite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'kinboard.db');
    const dialect = new WorkerSqliteDialect({ file, ...options });
    const db = new Kysely<Database>({ dialect });
    cleanups.push(() => db.destroy());
    await db.schema
      .createTable('note')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('text', 'text', (column) => column.notNull().unique())
      .addColumn('data', 'blob')
      .addColumn('count', 'integer', (column) => column.notNull().defaultTo(0))
      .execute();
    return { db, dialect, file };
  }
  /** What another connection sees in the file: only what is committed. */
  const committed = (file: string) => {
    const other = new DatabaseSync(file, { readOnly: true });
    try {
      return other.prepare('SELECT id, text, count FROM note ORDER BY id').all();
    } finally {
      other.close();
    }
  };

  it('runs queries with their values, bytes included, and answers rows, counts and ids', async () => {
    const { db } = await open();
    const inserted = await db
      .insertInto('note')
      .values({ text: 'Zoë’s worry 🚶', data: new Uint8Array([0, 1, 255]) })
      .executeTakeFirst();
    expect(inserted.insertId).toBe(1n);
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    const rows = await db.selectFrom('note').selectAll().execute();
    expect(rows).toEqual([{ id: 1, text: 'Zoë’s worry 🚶', data: new Uint8Array([0, 1, 255]), count: 0 }]);
    const updated = await db.updateTable('note').set({ count: 2 }).where('id', '=', 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const returned = await db
      .insertInto('note')
      .values({ text: 'second' })
      .returning(['id', 'text'])
      .executeTakeFirstOrThrow();
    expect(returned).toEqual({ id: 2, text: 'second' });
  });

  it('an acknowledged write is committed: another connection reads it at once', async () => {
    const { db, file } = await open();
    await db.insertInto('note').values({ text: 'durable' }).execute();
    expect(committed(file)).toEqual([{ id: 1, text: 'durable', count: 0 }]);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ text: 'in a transaction' }).execute();
      // Not committed until the transaction is.
      expect(committed(file)).toHaveLength(1);
    });
    expect(committed(file)).toHaveLength(2);
  });

  it('a transaction commits all or nothing; a failed statement undoes only itself', async () => {
    const { db, file } = await open();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'undone' }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(committed(file)).toEqual([]);

    await db.insertInto('note').values({ text: 'taken' }).execute();
    // Sent together, so they share one group: the duplicate fails alone.
    const results = await Promise.allSettled([
      db.insertInto('note').values({ text: 'kept one' }).execute(),
      db.insertInto('note').values({ text: 'taken' }).execute(),
      db.insertInto('note').values({ text: 'kept two' }).execute(),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = (results[1] as PromiseRejectedResult).reason as WorkerSqliteError;
    expect(failure).toBeInstanceOf(WorkerSqliteError);
    expect(failure.message).toMatch(/UNIQUE constraint failed: note\.text/);
    expect(failure.errcode).toBe(2067); // SQLITE_CONSTRAINT_UNIQUE
    expect(committed(file).map((row) => row['text'])).toEqual(['taken', 'kept one', 'kept two']);

    // An error inside a transaction rolls the transaction back, and the next one runs.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'with a duplicate' }).execute();
        await trx.insertInto('note').values({ text: 'taken' }).execute();
      }),
    ).rejects.toThrow(/UNIQUE/);
    await expect(sql`SELECT nonsense FROM nowhere`.execute(db)).rejects.toThrow(/no such table/);
    expect(committed(file)).toHaveLength(3);
    // A controlled transaction, with a savepoint rolled back inside it.
    const trx = await db.startTransaction().execute();
    await trx.insertInto('note').values({ text: 'outer' }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('note').values({ text: 'inner' }).execute();
    await inner.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    expect(committed(file).map((row) => row['text'])).toEqual(['taken', 'kept one', 'kept two', 'outer']);
  });

  it('[STORE33] statements sent at once are kept all or none, share a group commit, and wait for an open transaction', async () => {
    const { db, dialect, file } = await open();
    const insert = (text: string) => db.insertInto('note').values({ text }).compile();
    await dialect.atomically([insert('one'), insert('two')]);
    expect(committed(file).map((row) => row['text'])).toEqual(['one', 'two']);

    // A failing statement undoes the batch's others, and only them.
    const results = await Promise.allSettled([
      dialect.atomically([insert('three')]),
      dialect.atomically([insert('undone'), insert('one')]),
      dialect.atomically([insert('four')]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WorkerSqliteError);
    expect(committed(file).map((row) => row['text'])).toEqual(['one', 'two', 'three', 'four']);

    // Sent while a transaction is open, the batch runs after it, never inside it.
    const trx = await db.startTransaction().execute();
    await trx.insertInto('note').values({ text: 'in the transaction' }).execute();
    const batch = dialect.atomically([insert('after it')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committed(file)).toHaveLength(4);
    await trx.rollback().execute();
    await batch;
    expect(committed(file).map((row) => row['text'])).toEqual(['one', 'two', 'three', 'four', 'after it']);

    // Many batches sent together share few fsyncs.
    const before = await dialect.groupCommits();
    await Promise.all(Array.from({ length: 50 }, (_, n) => dialect.atomically([insert(`batch ${n}`)])));
    expect((await dialect.groupCommits()) - before).toBeLessThan(50);
    expect(committed(file)).toHaveLength(55);
  });

  it('concurrent queries and transactions: none lost, read-modify-write transactions one at a time, fewer fsyncs than writes', async () => {
    const { db, dialect, file } = await open();
    await db.insertInto('note').values({ text: 'counter' }).execute();
    const before = await dialect.groupCommits();
    const writes = Array.from({ length: 200 }, (_, i) =>
      db
        .insertInto('note')
        .values({ text: `note ${i}` })
        .execute(),
    );
    // Each transaction reads the counter and writes it back one higher: any interleaving loses one.
    const increments = Array.from({ length: 50 }, () =>
      db.transaction().execute(async (trx) => {
        const { count } = await trx
          .selectFrom('note')
          .select('count')
          .where('text', '=', 'counter')
          .executeTakeFirstOrThrow();
        await new Promise((resolve) => setImmediate(resolve));
        await trx
          .updateTable('note')
          .set({ count: count + 1 })
          .where('text', '=', 'counter')
          .execute();
      }),
    );
    const reads = Array.from({ length: 20 }, () => db.selectFrom('note').select('id').execute());
    await Promise.all([...writes, ...increments, ...reads]);
    const rows = committed(file);
    expect(rows).toHaveLength(201);
    expect(rows[0]).toMatchObject({ text: 'counter', count: 50 });
    // Group commit: the 250 writes shared far fewer COMMITs (fsyncs) than one each.
    const commits = (await dialect.groupCommits()) - before;
    console.log(`[STORE31] 200 writes and 50 transactions sent at once: ${commits} group commits`);
    expect(commits).toBeLessThan(250);
  });

  it('a lock held by another connection is waited for in the worker, never on the event loop', async () => {
    const { db, file } = await open({ busyTimeoutMs: 20_000 });
    const other = new DatabaseSync(file);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO note (text) VALUES ('from the other connection')").run();
    let written = false;
    const write = db
      .insertInto('note')
      .values({ text: 'waited for the lock' })
      .execute()
      .then(() => (written = true));
    // The loop keeps turning while the worker waits for the lock.
    let turns = 0;
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      turns++;
    }
    expect(turns).toBe(20);
    expect(written).toBe(false);
    other.exec('COMMIT');
    other.close();
    await write;
    expect(committed(file).map((row) => row['text'])).toEqual([
      'from the other connection',
      'waited for the lock',
    ]);
  });

  it('closing answers and commits everything already sent, then refuses more; a file that cannot open says why', async () => {
    const { db, file } = await open();
    const sent = Array.from({ length: 10 }, (_, i) =>
      db
        .insertInto('note')
        .values({ text: `before closing ${i}` })
        .execute(),
    );
    // Posted to the worker (Kysely hands a query to the driver a few turns after `execute`).
    await new Promise((resolve) => setTimeout(resolve, 20));
    await db.destroy();
    await Promise.all(sent);
    expect(committed(file)).toHaveLength(10);
    await expect(db.selectFrom('note').selectAll().execute()).rejects.toThrow();

    const nowhere = new Kysely<Database>({
      dialect: new WorkerSqliteDialect({ file: path.join(file, 'not-a-directory', 'kinboard.db') }),
    });
    await expect(nowhere.selectFrom('note').selectAll().execute()).rejects.toThrow(/unable to open/);
    await nowhere.destroy();
  });
});
