import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { StoreDialect } from './dialect.ts';

/** What each repository is made from: the database and its dialect's differences. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
}
