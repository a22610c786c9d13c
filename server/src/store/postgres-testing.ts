import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describePostgresUrl } from './open-store.ts';

/**
 * For tests only (the store's own spec and the integration tests): where the test PostgreSQL is,
 * whether it answers, and a schema of their own per test so runs never see each other's rows.
 */

export const defaultTestPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

/** KINBOARD_TEST_POSTGRES_URL, or the PostgreSQL every developer machine and CI run. */
export function testPostgresUrl(env: NodeJS.ProcessEnv): string {
  return env['KINBOARD_TEST_POSTGRES_URL'] || defaultTestPostgresUrl;
}

/**
 * Undefined when PostgreSQL answers at `url`; otherwise why not, in a sentence. Outside CI the
 * PostgreSQL tests are skipped with this reason; in CI (where `CI` is set) they fail with it.
 */
export async function whyPostgresUnreachable(url: string): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`SELECT 1`;
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `PostgreSQL at ${describePostgresUrl(url)} did not answer (${reason}); set KINBOARD_TEST_POSTGRES_URL`;
  } finally {
    await sql.end({ timeout: 0 });
  }
}

export interface TestSchema {
  name: string;
  /** Runs SQL as an outside client in the schema (to check what the database itself refuses). */
  sql: postgres.Sql;
  /** Drops the schema and everything in it, and closes the outside client. */
  drop(): Promise<void>;
}

/** A fresh, empty schema name `kinboard_test_<random>`, created on first use by the store. */
export function newTestSchema(url: string): TestSchema {
  const name = `kinboard_test_${randomBytes(6).toString('hex')}`;
  const sql = postgres(url, { max: 2, onnotice: () => {}, connection: { search_path: name } });
  return {
    name,
    sql,
    async drop() {
      try {
        await sql`DROP SCHEMA IF EXISTS ${sql(name)} CASCADE`;
      } finally {
        await sql.end({ timeout: 1 });
      }
    },
  };
}
