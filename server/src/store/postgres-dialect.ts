import { sql, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';

/** Plain lower-case identifiers only, so a schema name never needs quoting in a search path. */
export const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Kysely's dialect for the `postgres` driver, with an introspector that sees Kinboard's own
 * schema only. Kysely's Migrator asks the introspector whether its tables exist; the stock one
 * reads every schema's columns, and fails ("schema … does not exist") when another schema in the
 * database is dropped meanwhile, as tests and other deployments sharing a database do. This one
 * reads table names from the catalog, which a concurrent drop cannot break.
 */
export class KinboardPostgresDialect extends PostgresJSDialect {
  readonly #schema: string;

  constructor(config: ConstructorParameters<typeof PostgresJSDialect>[0], schema: string) {
    super(config);
    this.#schema = schema;
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const schema = this.#schema;
    return {
      async getSchemas() {
        const { rows } = await sql<{
          name: string;
        }>`SELECT nspname AS name FROM pg_catalog.pg_namespace`.execute(db);
        return rows;
      },
      async getTables(): Promise<TableMetadata[]> {
        const { rows } = await sql<{ name: string }>`
          SELECT c.relname AS name FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p')`.execute(db);
        return rows.map(({ name }) => ({ name, schema, isView: false, isForeign: false, columns: [] }));
      },
    };
  }
}
