import type { Selectable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { AuditEntry, AuditPage, NewAuditEntry } from '../records.ts';
import { auditGenesis, chainHash, type AuditChainCheck } from '../audit-chain.ts';

/** The audit log: append and read, never change; the database itself refuses to [STORE12]. */
export interface AuditRecords {
  /** Appends the entry to the hash chain, in one transaction with moving the chain's head [AUDIT2]. */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** A family's entries after the id `page.after` (0: from the first), oldest first, at most `page.limit` [ACCESS32]. */
  listAuditOfFamily(familyId: string, page: AuditPage): Promise<AuditEntry[]>;
  /**
   * Entries about no family (sign-ins, staff accounts, setup, guessing), newest first, at most
   * `limit`, with ids below `before` when given (the next page).
   */
  listAuditOfService(limit: number, before?: number): Promise<AuditEntry[]>;
  /** Recomputes the whole chain from the genesis and names the first entry that breaks it [AUDIT4]. */
  verifyAuditChain(): Promise<AuditChainCheck>;
}

const toAuditEntry = (row: Selectable<Database['audit_log']>): AuditEntry => ({
  id: row.id,
  at: row.at,
  actorKind: row.actor_kind,
  actorId: row.actor_id ?? undefined,
  action: row.action,
  familyId: row.family_id ?? undefined,
  meetingId: row.meeting_id ?? undefined,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
});

const verifyPage = 1000;

export function auditRecords({ db, dialect }: StoreContext): AuditRecords {
  return {
    async appendAudit(entry) {
      const row = {
        at: entry.at,
        actor_kind: entry.actorKind,
        actor_id: entry.actorId ?? null,
        action: entry.action,
        family_id: entry.familyId ?? null,
        meeting_id: entry.meetingId ?? null,
        // Kept as text, so the keys come back in the order written [STORE14].
        detail: JSON.stringify(entry.detail),
      };
      await db.transaction().execute(async (trx) => {
        // The head row is the lock: on PostgreSQL several servers append one at a time, so ids
        // follow the chain's order; on SQLite the transaction's write lock already does it.
        const head = await dialect
          .forUpdate(trx.selectFrom('audit_chain_head').selectAll().where('id', '=', 1))
          .executeTakeFirstOrThrow();
        const hash = chainHash(head.hash, row);
        const { id } = await trx
          .insertInto('audit_log')
          .values({ ...row, hash })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('audit_chain_head').set({ last_id: id, hash }).where('id', '=', 1).execute();
      });
    },

    async listAuditOfFamily(familyId, page) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('family_id', '=', familyId)
        .where('id', '>', page.after ?? 0)
        .orderBy('id')
        .limit(page.limit)
        .execute();
      return rows.map(toAuditEntry);
    },

    async listAuditOfService(limit, before) {
      let query = db.selectFrom('audit_log').selectAll().where('family_id', 'is', null);
      if (before !== undefined) query = query.where('id', '<', before);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toAuditEntry);
    },

    async verifyAuditChain() {
      let previous = auditGenesis;
      let lastId = 0;
      let entries = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('id', '>', lastId)
          .orderBy('id')
          .limit(verifyPage)
          .execute();
        for (const row of rows) {
          const expected = chainHash(previous, row);
          if (row.hash !== expected) {
            const reason = 'its content, or an entry before it, was changed or removed after it was written';
            return { holds: false, entries, broken: { id: row.id, at: row.at, reason } };
          }
          previous = expected;
          lastId = row.id;
          entries += 1;
        }
        if (rows.length < verifyPage) break;
      }
      const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!head || head.hash !== previous || head.last_id !== lastId)
        return {
          holds: false,
          entries,
          broken: {
            id: head?.last_id ?? lastId,
            at: 0,
            reason: 'the newest entries were removed (the chain ends before its recorded head)',
          },
        };
      return { holds: true, entries };
    },
  };
}
