import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Database } from './database.ts';
import { advisoryLock, type StoreDialect } from './dialect.ts';
import { migrationNames, storeMigrations } from './migrations.ts';

/**
 * Brings the database up to the newest migration [STORE13]. A database made before the one
 * store layer recorded versions 1..7 in `schema_migration`; those are entered in Kysely's
 * `kysely_migration` under the same numbers' names first, so it is recognised as at that
 * version and only what is newer runs [STORE21]. On PostgreSQL `schema` is Kinboard's own
 * schema (created if missing); servers starting at once take turns on an advisory lock, then on
 * Kysely's migration lock.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: StoreDialect,
  schema: string | undefined,
): Promise<void> {
  const names = migrationNames(dialect);
  await db.transaction().execute(async (trx) => {
    if (dialect.kind === 'postgres') {
      await advisoryLock(`migrate:${schema ?? ''}`).execute(trx);
      if (schema !== undefined) await trx.schema.createSchema(schema).ifNotExists().execute();
    }
    const tables = (await trx.introspection.getTables({ withInternalKyselyTables: true })).filter(
      (table) => dialect.kind === 'sqlite' || table.schema === (schema ?? 'public'),
    );
    const has = (name: string) => tables.some((table) => table.name === name);
    if (!has('schema_migration') || has('kysely_migration')) return;
    const untyped = trx as unknown as Kysely<{
      schema_migration: { version: number; applied_at: number };
      kysely_migration: { name: string; timestamp: string };
    }>;
    const applied = await untyped.selectFrom('schema_migration').select(['version', 'applied_at']).execute();
    // The same table Kysely's Migrator makes for itself.
    await untyped.schema
      .createTable('kysely_migration')
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    for (const { version, applied_at } of applied) {
      const name = names[Number(version) - 1];
      if (name === undefined)
        throw new Error(`the database is at version ${version}, newer than this Kinboard`);
      await untyped
        .insertInto('kysely_migration')
        .values({ name, timestamp: new Date(Number(applied_at)).toISOString() })
        .execute();
    }
  });
  const migrations = Object.fromEntries(storeMigrations(dialect));
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(dialect.kind === 'postgres' ? { migrationTableSchema: schema ?? 'public' } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
