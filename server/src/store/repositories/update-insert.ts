import { CompiledQuery } from 'kysely';
import type { Queryable } from '../database.ts';
import type { DocumentUpdate } from '../records.ts';

/**
 * The hot path's INSERT, compiled once per row count and reused: every edit a server
 * keeps passes through here, and building the statement with Kysely on each batch cost more CPU
 * on the event loop than sending it to the database. The cached SQL is Kysely's own (compiled by
 * the same dialect); only the parameters are filled in here, in the order its compile put them,
 * which `templateFor` checks once against sentinel values, or it gives up and Kysely builds each.
 */
/** Batches of up to this many rows have their statement kept; larger ones are rare (a backlog). */
const cachedRowCounts = 64;

type Build = (db: Queryable, updates: readonly DocumentUpdate[], createdAt: number) => Compilable;
interface Compilable {
  compile(): CompiledQuery;
}
/** One row's parameters, in the order of the columns `build` gives. */
type Parameters = (update: DocumentUpdate, createdAt: number) => unknown[];

export class UpdateInsert {
  readonly #templates = new Map<number, string | null>();
  readonly #build: Build;
  readonly #parameters: Parameters;

  /** Document updates by default; `history.ts` keeps its rows with its own pair. */
  constructor(build: Build = valuesQuery, parameters: Parameters = updateParameters) {
    this.#build = build;
    this.#parameters = parameters;
  }

  /** Inserts the rows in order with one statement, on `db` (a pool or a transaction). */
  async run(db: Queryable, updates: readonly DocumentUpdate[], createdAt: number): Promise<void> {
    await db.executeQuery(this.compile(db, updates, createdAt));
  }

  /** The statement that inserts the rows in order, compiled for `db`'s dialect, not run. */
  compile(db: Queryable, updates: readonly DocumentUpdate[], createdAt: number): CompiledQuery {
    const sql = updates.length <= cachedRowCounts ? this.#templateFor(db, updates.length) : null;
    if (sql === null) return this.#build(db, updates, createdAt).compile();
    const parameters: unknown[] = [];
    for (const update of updates) parameters.push(...this.#parameters(update, createdAt));
    return CompiledQuery.raw(sql, parameters);
  }

  #templateFor(db: Queryable, rows: number): string | null {
    const known = this.#templates.get(rows);
    if (known !== undefined) return known;
    const sentinels = Array.from({ length: rows }, (_, row) => ({
      documentName: `row ${row}`,
      update: new Uint8Array([row & 0xff]),
      origin: `origin ${row}`,
      author: { name: `author ${row}`, role: 'family' as const },
    }));
    const compiled = this.#build(db, sentinels, -1).compile();
    const expected = sentinels.flatMap((update) => this.#parameters(update, -1));
    const inOrder =
      compiled.parameters.length === expected.length &&
      compiled.parameters.every((value, index) => value === expected[index]);
    const sql = inOrder ? compiled.sql : null;
    this.#templates.set(rows, sql);
    return sql;
  }
}

function valuesQuery(db: Queryable, updates: readonly DocumentUpdate[], createdAt: number) {
  return db.insertInto('document_update').values(
    updates.map(({ documentName, update, origin }) => ({
      document_name: documentName,
      data: update,
      origin: origin ?? null,
      created_at: createdAt,
    })),
  );
}

const updateParameters: Parameters = ({ documentName, update, origin }, createdAt) => [
  documentName,
  update,
  origin ?? null,
  createdAt,
];
