import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Kysely,
  type QueryCompiler,
  type Driver,
  type SqliteDatabase,
} from 'kysely';

/**
 * Kysely's own SQLite dialect over Node's built-in `node:sqlite` (no native build to download).
 * Kysely's SqliteDialect takes any database with better-sqlite3's shape; `DatabaseSync` differs
 * only in taking parameters spread and in how a statement says it returns rows, which the small
 * adapter below bridges. No package on npm does this for node:sqlite and is well kept, and it is
 * this small. Two choices of Kinboard's own:
 * - transactions begin IMMEDIATE, taking the write lock before their first read, so a
 *   read-then-write never fails halfway on a lock another connection took;
 * - migrations run in one transaction (SQLite's DDL is transactional), so a failed one leaves
 *   nothing half-made.
 */
export class NodeSqliteDialect implements Dialect {
  readonly #database: SqliteDatabase;
  readonly #sqlite: SqliteDialect;

  constructor(db: DatabaseSync) {
    this.#database = sqliteDatabase(db);
    this.#sqlite = new SqliteDialect({ database: this.#database });
  }

  createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  createQueryCompiler(): QueryCompiler {
    return this.#sqlite.createQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.#sqlite.createIntrospector(db);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** A few hundred distinct statements cover everything the store asks; prepared once each. */
const statementCacheSize = 500;

function sqliteDatabase(db: DatabaseSync): SqliteDatabase {
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepare = (text: string) => {
    let prepared = statements.get(text);
    if (!prepared) {
      const statement = db.prepare(text);
      prepared = { statement, reader: statement.columns().length > 0 };
      if (statements.size >= statementCacheSize) statements.delete(statements.keys().next().value!);
      statements.set(text, prepared);
    }
    return prepared;
  };
  return {
    close: () => {
      if (db.isOpen) db.close();
    },
    prepare(text) {
      const { statement, reader } = prepare(text);
      const args = (parameters: readonly unknown[]) => parameters as SQLInputValue[];
      return {
        reader,
        all: (parameters) => statement.all(...args(parameters)),
        run: (parameters) => statement.run(...args(parameters)),
        iterate: (parameters) => statement.iterate(...args(parameters)),
      };
    },
  };
}
