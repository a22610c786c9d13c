import path from 'node:path';
import type { Config } from '../config.ts';
import { describePostgresUrl, PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
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
    return PostgresStore.open(url, { schema });
  }
  progress(
    `preparing the database (${path.relative(process.cwd(), config.databaseFile) || config.databaseFile})`,
  );
  return new SqliteStore(config.databaseFile);
}
