import type { ErasureScope } from '../store-context.ts';
import { foldUpdates } from '../fold-updates.ts';
import { rowsPerInsert, type Queryable } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { ClientOwner, DocumentUpdate, StoredDocument } from '../records.ts';
import type { CompiledQuery } from 'kysely';
import { historyInsert, historyStatements } from './history.ts';
import { UpdateInsert } from './update-insert.ts';

/** The boards' Yjs documents: their update log, its compaction, and who owns each client id. */
export interface DocumentRecords {
  loadDocument(documentName: string): Promise<StoredDocument>;
  /** Stores a batch of updates, possibly for several documents, in one transaction. */
  appendUpdates(updates: readonly DocumentUpdate[]): Promise<void>;
  /**
   * Replaces every update stored so far for the document with one snapshot, atomically.
   * The caller guarantees the snapshot contains every one of them and that no append for the
   * document runs meanwhile (the sync module encodes it from the loaded document, between batches
   * of writes; see UpdateWriter.exclusive).
   */
  compactDocument(documentName: string, snapshot: Uint8Array): Promise<void>;
  /**
   * Folds the document's stored updates into one (`fold-updates.ts`), replacing exactly the rows
   * it read, atomically. Safe while other servers append to the document: a row committed
   * meanwhile, whatever its id, is neither read nor deleted. Two folds of one document run one at
   * a time. Resolves to the size of what it kept.
   */
  foldDocumentUpdates(documentName: string): Promise<number>;
  countUpdates(documentName: string): Promise<number>;
  // Yjs client-id owners, kept beside each document [STORE16]
  /** The owners stored with a document's updates (`DocumentUpdate.owners`), in the order claimed. */
  loadClientOwners(documentName: string): Promise<ClientOwner[]>;
}

export function documentRecords({ db, dialect, atomically }: StoreContext): DocumentRecords {
  /** This store's compiled INSERTs: its dialect's SQL, kept for the life of the store. */
  const updateInsert = new UpdateInsert();
  const historyRows = historyInsert();
  return {
    async loadDocument(documentName) {
      const rows = await db
        .selectFrom('document_update')
        .select('data')
        .where('document_name', '=', documentName)
        .orderBy('id')
        .execute();
      return { updates: rows.map((row) => new Uint8Array(row.data)) };
    },

    async appendUpdates(updates) {
      if (updates.length === 0) return;
      const now = Date.now();
      // The updates, their history and any client-id owners: all or nothing [STORE16] [HISTORY2],
      // sent as one batch of compiled statements (one worker message on SQLite) [STORE33].
      await atomically(updateStatements(db, updates, now, updateInsert, historyRows));
    },

    async compactDocument(documentName, snapshot) {
      await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('document_update')
          .select((eb) => eb.fn.max('id').as('id'))
          .where('document_name', '=', documentName)
          .executeTakeFirst();
        if (last?.id == null) return;
        const throughUpdateId = Number(last.id);
        await trx
          .deleteFrom('document_update')
          .where('document_name', '=', documentName)
          .where('id', '<=', throughUpdateId)
          .execute();
        // The snapshot must sort before every update kept after it, so it takes the folded row's id.
        await trx
          .insertInto('document_update')
          .values({
            id: throughUpdateId,
            document_name: documentName,
            data: snapshot,
            origin: null,
            created_at: Date.now(),
          })
          .execute();
      });
    },

    async foldDocumentUpdates(documentName) {
      return db.transaction().execute(async (trx) => {
        await dialect.lockDocumentFold(trx, documentName);
        // On PostgreSQL ids follow the order rows were inserted, not committed: a row with a
        // smaller id may commit after this reads. So exactly the rows read are merged and deleted.
        const rows = await dialect
          .forUpdate(
            trx
              .selectFrom('document_update')
              .select(['id', 'data'])
              .where('document_name', '=', documentName)
              .orderBy('id'),
          )
          .execute();
        if (rows.length < 2) return rows[0]?.data.byteLength ?? 0;
        const ids = rows.map((row) => Number(row.id));
        const merged = foldUpdates(rows.map((row) => new Uint8Array(row.data)));
        for (let start = 0; start < ids.length; start += rowsPerInsert)
          await trx
            .deleteFrom('document_update')
            .where('id', 'in', ids.slice(start, start + rowsPerInsert))
            .execute();
        await trx
          .insertInto('document_update')
          .values({
            id: ids.at(-1)!,
            document_name: documentName,
            data: merged,
            origin: null,
            created_at: Date.now(),
          })
          .execute();
        return merged.byteLength;
      });
    },

    async countUpdates(documentName) {
      const row = await db
        .selectFrom('document_update')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('document_name', '=', documentName)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async loadClientOwners(documentName) {
      const rows = await db
        .selectFrom('client_owner')
        .select(['client_id', 'participant', 'first_seen'])
        .where('document_name', '=', documentName)
        .orderBy('first_seen')
        .orderBy('client_id')
        .execute();
      return rows.map((row) => ({
        client: row.client_id,
        participant: row.participant,
        firstSeen: row.first_seen,
      }));
    },
  };
}

/**
 * Inserts document updates in the order given, so their ids (and load order) follow it [STORE2],
 * and the same updates into their documents' history with their authors [HISTORY2]. Run inside a
 * transaction.
 */
export async function insertUpdates(
  db: Queryable,
  updates: readonly DocumentUpdate[],
  createdAt: number,
): Promise<void> {
  for (const statement of updateStatements(db, updates, createdAt)) await db.executeQuery(statement);
}

/** `insertUpdates`' statements, compiled and in order, to be run in one transaction. */
function updateStatements(
  db: Queryable,
  updates: readonly DocumentUpdate[],
  createdAt: number,
  insert = new UpdateInsert(),
  history = historyInsert(),
): CompiledQuery[] {
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < updates.length; start += rowsPerInsert)
    statements.push(insert.compile(db, updates.slice(start, start + rowsPerInsert), createdAt));
  statements.push(...historyStatements(db, updates, createdAt, history));
  const owners = updates.flatMap(({ documentName, owners: claimed }) =>
    (claimed ?? []).map(({ client, participant, firstSeen }) => ({
      document_name: documentName,
      client_id: client,
      participant,
      first_seen: firstSeen,
    })),
  );
  // The first owner stays: a later claim of the same id is ignored [STORE16].
  for (let start = 0; start < owners.length; start += rowsPerInsert)
    statements.push(
      db
        .insertInto('client_owner')
        .values(owners.slice(start, start + rowsPerInsert))
        .onConflict((conflict) => conflict.doNothing())
        .compile(),
    );
  return statements;
}

/** Erasure [ERASE2]: every update, snapshot and client owner of the family's meetings' documents. */
export async function eraseDocumentsOfFamily(trx: Queryable, { meetingIds }: ErasureScope): Promise<void> {
  for (const meetingId of meetingIds)
    for (const table of ['document_update', 'client_owner'] as const)
      await trx.deleteFrom(table).where('document_name', 'like', `${meetingId}.%`).execute();
}
