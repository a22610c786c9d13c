import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { StoreDialect } from './dialect.ts';

/** What each repository is made from: the database and its dialect's differences. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /**
   * Runs compiled statements all or none and resolves once they are durable [STORE33]: on SQLite
   * one message to the worker and one back; elsewhere a transaction. Never from inside one.
   */
  readonly atomically: (statements: readonly CompiledQuery[]) => Promise<void>;
}

/** What a family's erasure reaches: the family and each of its meetings [ERASE2]. */
export interface ErasureScope {
  readonly familyId: string;
  /** Never empty where a repository uses it: erasure calls only with meetings to erase. */
  readonly meetingIds: readonly string[];
}
