import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type {
  UnaddressedRequest,
  WorkerAnswer,
  WorkerError,
  WorkerQueryResult,
  WorkerReply,
  WorkerRequest,
  WorkerSqliteOptions,
} from './worker-sqlite-protocol.ts';

/**
 * Kysely's SQLite dialect with the database in a worker thread [STORE30]: `node:sqlite` is
 * synchronous, so on the main thread every statement, lock wait and fsync would hold up every
 * meeting's edits. Here the main thread only posts messages; `sqlite-worker.ts` runs them, in
 * group commits [STORE31], with `synchronous = FULL`: a query resolves once what it wrote is on
 * disk. Transactions begin IMMEDIATE (as savepoints inside the worker's group), one at a time.
 * Migrations run in one transaction (SQLite's DDL is transactional).
 */
export class WorkerSqliteDialect implements Dialect {
  readonly #options: WorkerSqliteOptions;
  #driver: WorkerSqliteDriver | undefined;

  constructor(options: { file: string; busyTimeoutMs?: number }) {
    this.#options = { file: options.file, busyTimeoutMs: options.busyTimeoutMs ?? 5000 };
  }

  createDriver(): Driver {
    this.#driver = new WorkerSqliteDriver(this.#options);
    return this.#driver;
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }

  /**
   * Runs the statements all or none, as one message to the worker and one back [STORE33]:
   * resolves once they are durable, rejects (having kept none of them) if one fails.
   */
  async atomically(statements: readonly CompiledQuery[]): Promise<void> {
    const driver = this.#driver;
    if (!driver) throw new Error('the SQLite store is not open');
    await driver.request({
      kind: 'atomic',
      connection: 0,
      statements: statements.map(({ sql, parameters }) => ({ sql, parameters })),
    });
  }

  /** How many group commits the worker has made (benchmarks and tests). */
  async groupCommits(): Promise<number> {
    return (await this.#driver?.stats())?.groupCommits ?? 0;
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  // Kysely would otherwise let one query at a time reach the driver; the worker schedules them
  // itself (a transaction's requests alone while it is open), so that they can share a commit.
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/** An error from the worker, with node:sqlite's `code`, `errcode` and `errstr` kept. */
export class WorkerSqliteError extends Error {
  readonly code: string | undefined;
  readonly errcode: number | undefined;
  readonly errstr: string | undefined;

  constructor(error: WorkerError) {
    super(error.message);
    this.name = 'WorkerSqliteError';
    this.code = error.code;
    this.errcode = error.errcode;
    this.errstr = error.errstr;
  }
}

class WorkerSqliteDriver implements Driver {
  readonly #options: WorkerSqliteOptions;
  #worker: Worker | undefined;
  #nextId = 1;
  #nextConnection = 1;
  readonly #pending = new Map<number, PromiseWithResolvers<WorkerAnswer>>();
  #failure: Error | undefined;

  constructor(options: WorkerSqliteOptions) {
    this.#options = options;
  }

  async init(): Promise<void> {
    const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: this.#options });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: WorkerReply) => {
        if ('ready' in message && message.ready) return resolve();
        reject(new WorkerSqliteError('error' in message ? message.error : { message: 'no database' }));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the SQLite worker stopped (${code}) before opening`)));
    });
    worker.on('message', (message: WorkerReply) => {
      if (!('id' in message)) return;
      const waiting = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) worker.unref();
      waiting?.resolve(message);
    });
    // A worker that dies fails everything in flight, and every later request, with why.
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(this.#failure);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite worker has stopped (${code})`)));
    worker.unref();
    this.#worker = worker;
  }

  /** Posts one request and resolves with its answer (or rejects with the worker's error). */
  async request(request: UnaddressedRequest): Promise<WorkerAnswer & { ok: true }> {
    if (this.#failure) throw this.#failure;
    const worker = this.#worker;
    if (!worker) throw new Error('the SQLite store is not open');
    const id = this.#nextId++;
    const answer = Promise.withResolvers<WorkerAnswer>();
    // Held open only while something waits on the worker (a ref per request cost every edit).
    if (this.#pending.size === 0) worker.ref();
    this.#pending.set(id, answer);
    worker.postMessage({ ...request, id } as WorkerRequest);
    const reply = await answer.promise;
    if (!reply.ok) throw new WorkerSqliteError(reply.error);
    return reply;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WorkerSqliteConnection(this, this.#nextConnection++);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.request({ kind: 'begin', connection: (connection as WorkerSqliteConnection).id });
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.request({ kind: 'commit', connection: (connection as WorkerSqliteConnection).id });
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.request({ kind: 'rollback', connection: (connection as WorkerSqliteConnection).id });
  }

  // Savepoints within a transaction (Kysely's `trx.savepoint`), nested in the worker's own.
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE ${quoted(name)}`));
  }

  async releaseConnection(): Promise<void> {
    // Nothing to give back: connections are names the worker schedules by.
  }

  async stats(): Promise<{ groupCommits: number }> {
    const reply = await this.request({ kind: 'stats', connection: 0 });
    return reply.stats ?? { groupCommits: 0 };
  }

  async destroy(): Promise<void> {
    const worker = this.#worker;
    if (!worker || this.#failure) return;
    // Everything already sent is answered (and committed) first; then the worker closes the file.
    await this.request({ kind: 'close', connection: 0 }).catch(() => {});
    this.#failure = new Error('the SQLite store is closed');
    await worker.terminate();
  }
}

class WorkerSqliteConnection implements DatabaseConnection {
  readonly #driver: WorkerSqliteDriver;
  readonly id: number;

  constructor(driver: WorkerSqliteDriver, id: number) {
    this.#driver = driver;
    this.id = id;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.#driver.request({
      kind: 'query',
      connection: this.id,
      sql: compiledQuery.sql,
      parameters: compiledQuery.parameters,
    });
    const result: WorkerQueryResult = reply.result ?? { rows: [] };
    return {
      rows: result.rows as R[],
      ...(result.numAffectedRows === undefined ? {} : { numAffectedRows: result.numAffectedRows }),
      ...(result.insertId === undefined ? {} : { insertId: result.insertId }),
    };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Rows come over in one message; a store query never asks for more than it needs.
    const result = await this.executeQuery<R>(compiledQuery);
    for (const row of result.rows) yield { rows: [row] };
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
