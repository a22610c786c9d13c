import {
  sql,
  type ColumnDataType,
  type Kysely,
  type CreateTableBuilder,
  type Expression,
  type RawBuilder,
} from 'kysely';
import type { Database, Queryable } from './database.ts';

/**
 * Every difference between SQLite and PostgreSQL that the store's code sees, in one place
 * [STORE20]. The repositories and migrations are written once against Kysely and ask this for the
 * rest: column types, locks, text order, insertion order, errors, and the triggers that make
 * the database itself keep records fixed.
 *
 * Where SQLite is atomic and serial for free (one connection, `BEGIN IMMEDIATE` takes the one
 * write lock before the first read), PostgreSQL needs a row lock, a table lock or an advisory
 * lock, and those are the methods here that do nothing on SQLite.
 */
export interface StoreDialect {
  readonly kind: 'sqlite' | 'postgres';
  /** Millisecond times, ids and counts: SQLite's INTEGER is 64-bit already; PostgreSQL's BIGINT. */
  readonly time: ColumnDataType;
  readonly bytes: ColumnDataType;
  readonly flagType: ColumnDataType;
  /** A true/false column written as the driver takes it (node:sqlite binds no booleans). */
  flag(value: boolean): number | boolean;
  /** An auto-numbered primary key `id`: `by-default` lets a row be given an id (compaction does). */
  addAutoId<T extends string>(
    table: CreateTableBuilder<T, never>,
    mode: 'by-default' | 'always',
  ): CreateTableBuilder<T, 'id'>;
  /** Adds PostgreSQL's stand-in for SQLite's rowid, which `insertionOrder` reads. */
  addInsertionOrder<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
  ): CreateTableBuilder<T, C>;
  /** The column that follows the order rows were first inserted (SQLite's rowid). */
  insertionOrder(table: 'scaling_round' | 'scaling_answer' | 'view_before'): RawBuilder<number>;
  /** Text in code-point order, whatever the database's locale [STORE14]. */
  byCodePoint(column: string): Expression<string>;
  /** `SELECT ... FOR UPDATE` on PostgreSQL, so two servers changing one row take turns. */
  forUpdate<Q extends { forUpdate(): Q }>(query: Q): Q;
  /** Lets one transaction at a time in to decide on the table (e.g. "is there no staff yet?"). */
  lockTable(trx: Queryable, table: 'staff' | 'setup_token'): Promise<void>;
  /** One fold of a document at a time, across servers; appends are not held up. */
  lockDocumentFold(trx: Queryable, documentName: string): Promise<void>;
  /**
   * Runs `work` as one server's purge at a time [RETAIN4]: undefined, without running it, when
   * another server holds the turn (it skips the round).
   */
  inRetentionTurn<T>(db: Kysely<Database>, work: (q: Queryable) => Promise<T>): Promise<T | undefined>;
  /** Whether the error is the unique index `constraint` refusing a row. */
  isUniqueViolation(error: unknown, constraint: string): boolean;
  /** Statements that make the database refuse to change or delete any row of the table. */
  appendOnly(table: string, message: string): string[];
  /**
   * Statements that make the database refuse to change any row of the table, while rows may still
   * be deleted (a family's erasure removes its board history) [HISTORY2].
   */
  refuseUpdates(table: string, message: string): string[];
  /** Undoes `appendOnly` (only a migration that must add a column does, and puts it back). */
  dropAppendOnly(table: string): string[];
  /** Statements that keep a revealed scaling round and its answers fixed [STORE18]. */
  scalingFixed(message: string): string[];
  /**
   * Replaces the delete guards of agreed plans and revealed scaling rounds so that they let a
   * delete through while the deleting transaction holds a row in `erasure_in_progress`: only a
   * family's erasure does, and the row goes before it commits [ERASE3].
   */
  erasureAllowed(planMessage: string, scalingMessage: string): string[];
  /**
   * After an erasure commits, so the deleted rows' bytes are overwritten rather than left in
   * free pages [ERASE6]: SQLite (secure_delete on) checkpoints the WAL into the file and
   * truncates it; PostgreSQL vacuums the tables so dead tuples are reclaimed.
   */
  afterErasure(db: Queryable, tables: readonly string[]): Promise<void>;
  /** How a table without its own row id ends (SQLite's WITHOUT ROWID for a small keyed table). */
  keyedTableEnd: RawBuilder<unknown> | undefined;
}

export const sqliteDialect: StoreDialect = {
  kind: 'sqlite',
  time: 'integer',
  bytes: 'blob',
  flagType: 'integer',
  flag: (value) => (value ? 1 : 0),
  addAutoId: (table) => table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement()),
  addInsertionOrder: (table) => table,
  insertionOrder: (table) => sql<number>`${sql.table(table)}.rowid`,
  // SQLite's default (BINARY) collation compares UTF-8 bytes, which is code-point order.
  byCodePoint: (column) => sql.ref<string>(column),
  forUpdate: (query) => query,
  lockTable: async () => {},
  lockDocumentFold: async () => {},
  // One server per SQLite file, and the purge is one statement (atomic by itself); a transaction
  // would let another connection of this process interleave and find the file locked.
  inRetentionTurn: (db, work) => work(db),
  isUniqueViolation: (error, constraint) =>
    error instanceof Error &&
    'errcode' in error &&
    error.errcode === 2067 &&
    // SQLite names the columns, not the index.
    (constraint !== 'meeting_by_join_code' || error.message.includes('meeting.join_code')),
  appendOnly: (table, message) =>
    ['UPDATE', 'DELETE'].map(
      (op) =>
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
           BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    ),
  refuseUpdates: (table, message) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  ],
  dropAppendOnly: (table) => ['update', 'delete'].map((op) => `DROP TRIGGER ${table}_no_${op}`),
  scalingFixed: (message) => [
    `CREATE TRIGGER scaling_round_fixed BEFORE UPDATE ON scaling_round
       WHEN OLD.revealed_at IS NOT NULL AND (NEW.question IS NOT OLD.question
         OR NEW.revealed_at IS NOT OLD.revealed_at OR NEW.named IS NOT OLD.named
         OR NEW.open IS NOT OLD.open OR NEW.meeting_id IS NOT OLD.meeting_id)
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    `CREATE TRIGGER scaling_round_kept BEFORE DELETE ON scaling_round WHEN OLD.revealed_at IS NOT NULL
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    `CREATE TRIGGER scaling_answer_fixed_insert BEFORE INSERT ON scaling_answer
       WHEN (SELECT revealed_at IS NOT NULL OR closed_at IS NOT NULL FROM scaling_round WHERE id = NEW.round_id)
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    `CREATE TRIGGER scaling_answer_fixed_update BEFORE UPDATE ON scaling_answer
       WHEN (SELECT revealed_at IS NOT NULL OR closed_at IS NOT NULL FROM scaling_round WHERE id = OLD.round_id)
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    `CREATE TRIGGER scaling_answer_fixed_delete BEFORE DELETE ON scaling_answer
       WHEN (SELECT revealed_at IS NOT NULL FROM scaling_round WHERE id = OLD.round_id)
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  ],
  afterErasure: async (db) => {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  },
  erasureAllowed: (planMessage, scalingMessage) => [
    ...['plan_version', 'plan_version_document'].flatMap((table) => [
      `DROP TRIGGER ${table}_no_delete`,
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
         WHEN NOT EXISTS (SELECT 1 FROM erasure_in_progress)
         BEGIN SELECT RAISE(ABORT, '${planMessage}'); END`,
    ]),
    `DROP TRIGGER scaling_round_kept`,
    `CREATE TRIGGER scaling_round_kept BEFORE DELETE ON scaling_round
       WHEN OLD.revealed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM erasure_in_progress)
       BEGIN SELECT RAISE(ABORT, '${scalingMessage}'); END`,
    `DROP TRIGGER scaling_answer_fixed_delete`,
    `CREATE TRIGGER scaling_answer_fixed_delete BEFORE DELETE ON scaling_answer
       WHEN (SELECT revealed_at IS NOT NULL FROM scaling_round WHERE id = OLD.round_id)
         AND NOT EXISTS (SELECT 1 FROM erasure_in_progress)
       BEGIN SELECT RAISE(ABORT, '${scalingMessage}'); END`,
  ],
  keyedTableEnd: sql`WITHOUT ROWID`,
};

/**
 * A PostgreSQL row trigger on `table` (named `<table>_fixed`, its function `<table>_keep_fixed`)
 * that refuses the operations while `when` holds, after running `first`.
 */
function refuseWhen(guard: {
  table: string;
  operations: string;
  when: string;
  message: string;
  declare?: string;
  first?: string;
}): string[] {
  const { table, operations, when, message, declare, first } = guard;
  return [
    `CREATE FUNCTION ${table}_keep_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
       ${declare ? `DECLARE ${declare};` : ''}
       BEGIN
         ${first ?? ''}
         IF ${when} THEN
           RAISE EXCEPTION '${message}';
         END IF;
         IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
         RETURN NEW;
       END
     $$`,
    `CREATE TRIGGER ${table}_fixed BEFORE ${operations} ON ${table}
       FOR EACH ROW EXECUTE FUNCTION ${table}_keep_fixed()`,
  ];
}

/**
 * PostgreSQL's guards of a revealed round and its answers; `erasable` replaces the functions
 * (the triggers stay) so that a family's erasure may delete them.
 */
function postgresScalingGuards(message: string, erasable: boolean): string[] {
  const unlessErasing = erasable
    ? `NOT (TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM erasure_in_progress)) AND `
    : '';
  const guards = [
    ...refuseWhen({
      table: 'scaling_round',
      operations: 'UPDATE OR DELETE',
      when: `${unlessErasing}OLD.revealed_at IS NOT NULL AND (TG_OP = 'DELETE'
             OR NEW.question IS DISTINCT FROM OLD.question OR NEW.revealed_at IS DISTINCT FROM OLD.revealed_at
             OR NEW.named IS DISTINCT FROM OLD.named OR NEW.open IS DISTINCT FROM OLD.open
             OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id)`,
      message,
    }),
    ...refuseWhen({
      table: 'scaling_answer',
      operations: 'INSERT OR UPDATE OR DELETE',
      declare: 'round_row scaling_round%ROWTYPE',
      first: `SELECT * INTO round_row FROM scaling_round
           WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.round_id ELSE OLD.round_id END;`,
      when: `${unlessErasing}(round_row.revealed_at IS NOT NULL OR (TG_OP <> 'DELETE' AND round_row.closed_at IS NOT NULL))`,
      message,
    }),
  ];
  if (!erasable) return guards;
  return guards
    .filter((statement) => statement.startsWith('CREATE FUNCTION'))
    .map((statement) => statement.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
}

/** Namespaces Kinboard's advisory locks (the first key of the two-key form). */
const kinboardLockClass = 0x4b42;

export const postgresDialect: StoreDialect = {
  kind: 'postgres',
  time: 'bigint',
  bytes: 'bytea',
  flagType: 'boolean',
  flag: (value) => value,
  addAutoId: (table, mode) =>
    table.addColumn('id', 'bigint', (col) =>
      mode === 'always'
        ? col.primaryKey().generatedAlwaysAsIdentity()
        : col.primaryKey().generatedByDefaultAsIdentity(),
    ),
  addInsertionOrder: (table) =>
    table.addColumn('seq', 'bigint', (col) => col.generatedAlwaysAsIdentity().unique()),
  insertionOrder: (table) => sql<number>`${sql.table(table)}.seq`,
  byCodePoint: (column) => sql<string>`${sql.ref(column)} COLLATE "C"`,
  forUpdate: (query) => query.forUpdate(),
  lockTable: async (trx, table) => {
    await sql`LOCK TABLE ${sql.table(table)} IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  },
  lockDocumentFold: async (trx, documentName) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kinboard.fold:${documentName}`}, 0))`.execute(
      trx,
    );
  },
  inRetentionTurn: (db, work) =>
    db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        held: boolean;
      }>`SELECT pg_try_advisory_xact_lock(hashtextextended('kinboard.retention', 0)) AS held`.execute(trx);
      return rows[0]?.held === true ? work(trx) : undefined;
    }),
  isUniqueViolation: (error, constraint) =>
    error instanceof Error &&
    'code' in error &&
    error.code === '23505' &&
    'constraint_name' in error &&
    error.constraint_name === constraint,
  appendOnly: (table, message) => [
    `CREATE FUNCTION ${table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '${message}'; END
     $$`,
    ...['UPDATE', 'DELETE'].map(
      (op) =>
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
           FOR EACH ROW EXECUTE FUNCTION ${table}_refuse_change()`,
    ),
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION ${table}_refuse_change()`,
  ],
  refuseUpdates: (table, message) => [
    `CREATE FUNCTION ${table}_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '${message}'; END
     $$`,
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION ${table}_refuse_update()`,
  ],
  dropAppendOnly: (table) => [
    ...['update', 'delete', 'truncate'].map((op) => `DROP TRIGGER ${table}_no_${op} ON ${table}`),
    `DROP FUNCTION ${table}_refuse_change()`,
  ],
  scalingFixed: (message) => postgresScalingGuards(message, false),
  afterErasure: async (db, tables) => {
    // VACUUM cannot run in a transaction; each is its own statement on the pool.
    for (const table of tables) await sql`VACUUM ${sql.table(table)}`.execute(db);
  },
  erasureAllowed: (planMessage, scalingMessage) => [
    ...['plan_version', 'plan_version_document'].map(
      (table) => `CREATE OR REPLACE FUNCTION ${table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM erasure_in_progress) THEN RETURN OLD; END IF;
           RAISE EXCEPTION '${planMessage}';
         END
       $$`,
    ),
    ...postgresScalingGuards(scalingMessage, true),
  ],
  keyedTableEnd: undefined,
};

/** Kinboard's advisory lock key for one purpose on PostgreSQL (migrations, per schema). */
export function advisoryLock(purpose: string): RawBuilder<unknown> {
  return sql`SELECT pg_advisory_xact_lock(${kinboardLockClass}, hashtext(${purpose}))`;
}
