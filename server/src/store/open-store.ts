import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, type CompiledQuery } from 'kysely';
import postgres from 'postgres';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import type { StoreContext } from './store-context.ts';
import { postgresDialect, sqliteDialect, type StoreDialect } from './dialect.ts';
import { migrate } from './migrate.ts';
import { WorkerSqliteDialect } from './worker-sqlite-dialect.ts';
import { KinboardPostgresDialect, schemaNamePattern } from './postgres-dialect.ts';
import { auditRecords } from './repositories/audit.ts';
import { documentRecords } from './repositories/documents.ts';
import { copyRecords } from './repositories/copies.ts';
import { drawingRecords } from './repositories/drawings.ts';
import { draftsShareRecords } from './repositories/drafts-shares.ts';
import { viewBeforeRecords } from './repositories/views-before.ts';
import { historyRecords } from './repositories/history.ts';
import { erasureRecords } from './repositories/erasure.ts';
import { familyRecords } from './repositories/families.ts';
import { guestRecords } from './repositories/guests.ts';
import { liveStateRecords } from './repositories/live-state.ts';
import { meetingRecords } from './repositories/meetings.ts';
import { networkPassRecords } from './repositories/network-passes.ts';
import { planRecords } from './repositories/plan.ts';
import { retentionRecords } from './repositories/retention.ts';
import { safetyJournalRecords } from './repositories/safety-journal.ts';
import { scalingRecords } from './repositories/scaling.ts';
import { staffIdentityRecords } from './repositories/staff-identities.ts';
import { staffRecords } from './repositories/staff.ts';
import type { Store } from './store.ts';

/**
 * The store the settings choose: PostgreSQL when DATABASE_URL is set, SQLite under DATA_DIR
 * otherwise. Either is migrated to the newest schema before this resolves.
 */
export async function openStore(
  config: Pick<Config, 'databaseFile' | 'postgres'>,
  progress: (step: string) => void,
): Promise<Store> {
  if (config.postgres) {
    const { url, schema } = config.postgres;
    progress(
      `preparing the database (PostgreSQL at ${describePostgresUrl(url)}${schema ? `, schema ${schema}` : ''})`,
    );
    return openPostgresStore(url, { schema });
  }
  progress(
    `preparing the database (${path.relative(process.cwd(), config.databaseFile) || config.databaseFile})`,
  );
  return openSqliteStore(config.databaseFile);
}

const healthTimeoutMs = 2000;

/** Every repository on one database, with health and closing. */
function composeStore(context: StoreContext, close: () => Promise<void>): Store {
  let closed = false;
  const records = {
    ...documentRecords(context),
    ...meetingRecords(context),
    ...familyRecords(context),
    ...staffRecords(context),
    ...staffIdentityRecords(context),
    ...guestRecords(context),
    ...auditRecords(context),
    ...liveStateRecords(context),
    ...scalingRecords(context),
    ...planRecords(context),
    ...drawingRecords(context),
    ...retentionRecords(context),
    ...historyRecords(context),
    ...erasureRecords(context),
    ...networkPassRecords(context),
    ...safetyJournalRecords(context),
    ...copyRecords(context),
    ...draftsShareRecords(context),
    ...viewBeforeRecords(context),
  };
  return {
    ...records,
    kind: context.dialect.kind,
    async healthy() {
      if (closed) return false;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          context.db.selectNoFrom((eb) => eb.val(1).as('one')).execute(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error('the database did not answer in time')),
              healthTimeoutMs,
            );
          }),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}

async function migrated(
  db: Kysely<Database>,
  dialect: StoreDialect,
  options: { schema?: string | undefined; atomically?: StoreContext['atomically'] } = {},
): Promise<StoreContext> {
  await migrate(db, dialect, options.schema);
  const atomically =
    options.atomically ??
    ((statements: readonly CompiledQuery[]) =>
      db.transaction().execute(async (trx) => {
        for (const statement of statements) await trx.executeQuery(statement);
      }));
  return { db, dialect, atomically };
}

/**
 * The embedded default store, on Node's built-in SQLite in a worker thread [STORE30]: no
 * statement, lock wait or fsync runs on the event loop. Durability: WAL with synchronous=FULL,
 * so a committed transaction survives both a killed process and a lost machine (power cut); the
 * worker's group commits [STORE31] and the sync module's batching keep the fsyncs few.
 */
export async function openSqliteStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  // A lock another process holds fails a write after 1 s, so the store's trouble shows (healthz)
  // as soon as it did on the main thread; the wait itself is the worker's, not the loop's.
  const worker = new WorkerSqliteDialect({ file, busyTimeoutMs: 1000 });
  const db = new Kysely<Database>({ dialect: worker });
  try {
    const atomically = (statements: readonly CompiledQuery[]) => worker.atomically(statements);
    return composeStore(await migrated(db, sqliteDialect, { atomically }), () => db.destroy());
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

export interface PostgresStoreOptions {
  /**
   * A schema of Kinboard's own (created if missing), e.g. one per test run or per deployment
   * sharing a database. Without one, the connection's default search path is used (`public`).
   */
  schema?: string | undefined;
  /** The most connections the pool opens (default 10). */
  maxConnections?: number | undefined;
}

/**
 * The store on PostgreSQL, chosen by DATABASE_URL, for several servers sharing one record.
 * Durability: every method resolves after its COMMIT returns, with `synchronous_commit = on`
 * set for Kinboard's connections, so the commit is in the server's WAL on disk.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !schemaNamePattern.test(schema))
    throw new Error(`not a schema name Kinboard uses: ${JSON.stringify(schema)} (a-z, 0-9 and _)`);
  const sql = postgres(url, {
    max: options.maxConnections ?? 10,
    connect_timeout: 10,
    // CREATE ... IF NOT EXISTS says "already exists" as a notice on every start; nothing to act on.
    onnotice: () => {},
    connection: {
      // Names the deployment's connections in pg_stat_activity.
      application_name: schema === undefined ? 'kinboard' : `kinboard:${schema}`,
      // Commit means on disk, whatever the server's default [STORE2].
      synchronous_commit: 'on',
      ...(schema === undefined ? {} : { search_path: schema }),
    },
    types: { bigint: int8AsNumber },
  });
  const db = new Kysely<Database>({
    dialect: new KinboardPostgresDialect({ postgres: sql }, schema ?? 'public'),
  });
  const close = async () => {
    // Lets queries already sent finish (for up to 5 s), then closes every connection. The bound
    // matters: after the database dropped a connection, postgres.js 3.4.9's end() would
    // otherwise wait forever (porsager/postgres#1097); Kysely's destroy() then finds it ended.
    await sql.end({ timeout: 5 });
    await db.destroy();
  };
  try {
    return composeStore(await migrated(db, postgresDialect, { schema }), close);
  } catch (error) {
    await sql.end({ timeout: 0 });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not prepare the PostgreSQL database at ${describePostgresUrl(url)}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * BIGINT (int8) columns hold millisecond times, ids and counts; the store's types want numbers.
 * The driver's default is a string (an int8 may exceed 2^53); every value Kinboard stores fits,
 * and one that did not would be refused here rather than silently rounded.
 */
const int8AsNumber = {
  to: 20,
  from: [20],
  serialize: (value: number) => String(value),
  parse: (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`a stored BIGINT (${text}) is past 2^53`);
    return value;
  },
};

/** Where a PostgreSQL URL points, without its user or password: for messages and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
