import type { CompiledQuery } from 'kysely';
import { UpdateInsert } from './update-insert.ts';
import { participantRoles, type ParticipantRole } from '@kinboard/shared';
import { rowsPerInsert, type Queryable } from '../database.ts';
import type { ErasureScope, StoreContext } from '../store-context.ts';
import type { DocumentUpdate, HistoryEntry } from '../records.ts';

/**
 * Who wrote what on the boards [HISTORY1]-[HISTORY3]: every update stored for a document, again,
 * with its author, in the same transaction as the update itself. Compaction folds the update log
 * for loading; it never touches this.
 */
export interface HistoryRecords {
  /** The document's history, oldest first, each update with who stored it and when. */
  loadDocumentHistory(documentName: string): Promise<HistoryEntry[]>;
}

export function historyRecords({ db }: StoreContext): HistoryRecords {
  return {
    async loadDocumentHistory(documentName) {
      const rows = await db
        .selectFrom('document_history')
        .select(['data', 'participant', 'author_name', 'author_role', 'created_at'])
        .where('document_name', '=', documentName)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        update: new Uint8Array(row.data),
        participant: row.participant,
        author: row.author_name === null ? null : { name: row.author_name, role: roleOf(row.author_role) },
        at: row.created_at,
      }));
    },
  };
}

/** The statements that append the updates to their documents' histories, for the updates' own transaction. */
export function historyStatements(
  db: Queryable,
  updates: readonly DocumentUpdate[],
  createdAt: number,
  insert = historyInsert(),
): CompiledQuery[] {
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < updates.length; start += rowsPerInsert)
    statements.push(insert.compile(db, updates.slice(start, start + rowsPerInsert), createdAt));
  return statements;
}

/** The history rows' INSERT, compiled once per row count (`update-insert.ts`). */
export function historyInsert(): UpdateInsert {
  return new UpdateInsert(
    (db, updates, createdAt) =>
      db.insertInto('document_history').values(
        updates.map(({ documentName, update, origin, author }) => ({
          document_name: documentName,
          data: update,
          participant: origin ?? null,
          author_name: author?.name ?? null,
          author_role: author?.role ?? null,
          created_at: createdAt,
        })),
      ),
    ({ documentName, update, origin, author }, createdAt) => [
      documentName,
      update,
      origin ?? null,
      author?.name ?? null,
      author?.role ?? null,
      createdAt,
    ],
  );
}

/** A role as stored; none (or one no longer known) stays none rather than being guessed. */
function roleOf(stored: string | null): ParticipantRole | null {
  return participantRoles.find((role) => role === stored) ?? null;
}

/** Erasure [ERASE2] [HISTORY2]: the whole history of the family's meetings' documents. */
export async function eraseHistoryOfFamily(trx: Queryable, { meetingIds }: ErasureScope): Promise<void> {
  for (const meetingId of meetingIds)
    await trx.deleteFrom('document_history').where('document_name', 'like', `${meetingId}.%`).execute();
}
