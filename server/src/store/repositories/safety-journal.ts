import type { PlanHeld } from '@kinboard/shared/passes/network-pass';
import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { ErasureScope, StoreContext } from '../store-context.ts';

/**
 * One entry of the family's safety journal [PASS8]: who wrote it (the pass's holder as the
 * server recorded them, copied onto the entry so it keeps them for good) and when (the server's
 * time). Only `readAt` and `readBy` are ever written afterwards.
 */
export interface JournalEntry {
  id: string;
  familyId: string;
  passId: string;
  authorName: string;
  authorRelationship: string;
  writtenAt: number;
  happenedOn: string;
  text: string;
  whoWasThere: string;
  planHeld: PlanHeld;
  /** The plan rule it concerns, with its words as they were then. */
  ruleId?: string | undefined;
  ruleText?: string | undefined;
  readAt?: number | undefined;
  readBy?: string | undefined;
}

/** A staff member's reply to an entry, credited to them [PASS10]. */
export interface JournalReply {
  id: string;
  entryId: string;
  familyId: string;
  staffId: string;
  text: string;
  writtenAt: number;
}

export interface JournalLimit {
  /** Entries of the pass written at or after this time count. */
  since: number;
  /** How many may be written in that time. */
  most: number;
}

export type AddJournalEntryResult = 'added' | 'too-many';

export interface SafetyJournalRecords {
  /**
   * Adds an entry unless its pass has written `limit.most` since `limit.since` [PASS9]; the
   * count and the insert are one transaction, so entries sent at once cannot slip past.
   */
  addJournalEntry(entry: JournalEntry, limit: JournalLimit): Promise<AddJournalEntryResult>;
  /** The family's journal in the order it was written, with each entry's replies in order. */
  listJournalOfFamily(familyId: string): Promise<{ entries: JournalEntry[]; replies: JournalReply[] }>;
  /** Marks an entry read, the first time; false when the family has no such entry. */
  markJournalEntryRead(familyId: string, entryId: string, at: number, by: string): Promise<boolean>;
  /** False (nothing written) when the family has no such entry. */
  addJournalReply(reply: JournalReply): Promise<boolean>;
}

const toEntry = (row: Selectable<Database['journal_entry']>): JournalEntry => ({
  id: row.id,
  familyId: row.family_id,
  passId: row.pass_id,
  authorName: row.author_name,
  authorRelationship: row.author_relationship,
  writtenAt: Number(row.written_at),
  happenedOn: row.happened_on,
  text: row.text,
  whoWasThere: row.who_was_there,
  planHeld: row.plan_held as PlanHeld,
  ruleId: row.rule_id ?? undefined,
  ruleText: row.rule_text ?? undefined,
  readAt: row.read_at === null ? undefined : Number(row.read_at),
  readBy: row.read_by ?? undefined,
});

const toReply = (row: Selectable<Database['journal_reply']>): JournalReply => ({
  id: row.id,
  entryId: row.entry_id,
  familyId: row.family_id,
  staffId: row.staff_id,
  text: row.text,
  writtenAt: Number(row.written_at),
});

export function safetyJournalRecords({ db, dialect }: StoreContext): SafetyJournalRecords {
  const hasEntry = async (trx: Queryable, familyId: string, entryId: string) =>
    (await trx
      .selectFrom('journal_entry')
      .select('id')
      .where('id', '=', entryId)
      .where('family_id', '=', familyId)
      .executeTakeFirst()) !== undefined;
  return {
    async addJournalEntry(entry, limit) {
      return db.transaction().execute(async (trx): Promise<AddJournalEntryResult> => {
        // The pass's row, locked on PostgreSQL, makes a pass's entries wait for one another.
        await dialect
          .forUpdate(trx.selectFrom('network_pass').select('id').where('id', '=', entry.passId))
          .executeTakeFirst();
        const { count } = await trx
          .selectFrom('journal_entry')
          .select((eb) => eb.fn.countAll<number | string>().as('count'))
          .where('pass_id', '=', entry.passId)
          .where('written_at', '>=', limit.since)
          .executeTakeFirstOrThrow();
        if (Number(count) >= limit.most) return 'too-many';
        await trx
          .insertInto('journal_entry')
          .values({
            id: entry.id,
            family_id: entry.familyId,
            pass_id: entry.passId,
            author_name: entry.authorName,
            author_relationship: entry.authorRelationship,
            written_at: entry.writtenAt,
            happened_on: entry.happenedOn,
            text: entry.text,
            who_was_there: entry.whoWasThere,
            plan_held: entry.planHeld,
            rule_id: entry.ruleId ?? null,
            rule_text: entry.ruleText ?? null,
            read_at: null,
            read_by: null,
          })
          .execute();
        return 'added';
      });
    },
    async listJournalOfFamily(familyId) {
      const entries = await db
        .selectFrom('journal_entry')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('written_at')
        .orderBy('id')
        .execute();
      const replies = await db
        .selectFrom('journal_reply')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('written_at')
        .orderBy('id')
        .execute();
      return { entries: entries.map(toEntry), replies: replies.map(toReply) };
    },
    async markJournalEntryRead(familyId, entryId, at, by) {
      await db
        .updateTable('journal_entry')
        .set({ read_at: at, read_by: by })
        .where('id', '=', entryId)
        .where('family_id', '=', familyId)
        .where('read_at', 'is', null)
        .execute();
      return hasEntry(db, familyId, entryId);
    },
    async addJournalReply(reply) {
      return db.transaction().execute(async (trx) => {
        if (!(await hasEntry(trx, reply.familyId, reply.entryId))) return false;
        await trx
          .insertInto('journal_reply')
          .values({
            id: reply.id,
            entry_id: reply.entryId,
            family_id: reply.familyId,
            staff_id: reply.staffId,
            text: reply.text,
            written_at: reply.writtenAt,
          })
          .execute();
        return true;
      });
    },
  };
}

/** Erasure [ERASE2] [PASS12]: the family's journal, replies first. */
export async function eraseJournalOfFamily(trx: Queryable, { familyId }: ErasureScope): Promise<void> {
  await trx.deleteFrom('journal_reply').where('family_id', '=', familyId).execute();
  await trx.deleteFrom('journal_entry').where('family_id', '=', familyId).execute();
}
