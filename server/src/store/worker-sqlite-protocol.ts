/** The messages between `WorkerSqliteDialect` and its worker thread, `sqlite-worker.ts`. */

export interface WorkerSqliteOptions {
  /** The database file, or `:memory:`. */
  file: string;
  /** How long a statement waits for another connection's lock, in the worker. */
  busyTimeoutMs: number;
}

/** One compiled statement: its SQL and its parameters in order. */
export interface WorkerStatement {
  sql: string;
  parameters: readonly unknown[];
}

interface Addressed {
  id: number;
  /** Which Kysely connection sent it: requests of others wait while its transaction is open. */
  connection: number;
}

type Plain<Kind extends string> = Addressed & { kind: Kind };

export type WorkerRequest =
  | (Addressed & { kind: 'query'; sql: string; parameters: readonly unknown[] })
  /** Statements kept all or none, in one message each way [STORE33]. */
  | (Addressed & { kind: 'atomic'; statements: readonly WorkerStatement[] })
  | Plain<'begin'>
  | Plain<'commit'>
  | Plain<'rollback'>
  | Plain<'close'>
  | Plain<'stats'>;

/** A request as the driver sends it; the id is added on the way. */
export type UnaddressedRequest = WorkerRequest extends infer Each
  ? Each extends WorkerRequest
    ? Omit<Each, 'id'>
    : never
  : never;

export interface WorkerError {
  message: string;
  code?: string | undefined;
  errcode?: number | undefined;
  errstr?: string | undefined;
}

export interface WorkerQueryResult {
  rows: unknown[];
  numAffectedRows?: bigint;
  insertId?: bigint;
}

export type WorkerAnswer =
  | { id: number; ok: true; result?: WorkerQueryResult; stats?: { groupCommits: number } }
  | { id: number; ok: false; error: WorkerError };

export type WorkerReply = { ready: true } | { ready: false; error: WorkerError } | WorkerAnswer;
