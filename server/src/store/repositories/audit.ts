import type { Selectable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { AuditEntry, AuditPage, NewAuditEntry } from '../records.ts';

/** The audit log: append and read, never change; the database itself refuses to [STORE12]. */
export interface AuditRecords {
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** A family's entries after the id `page.after` (0: from the first), oldest first, at most `page.limit` [ACCESS32]. */
  listAuditOfFamily(familyId: string, page: AuditPage): Promise<AuditEntry[]>;
  /**
   * Entries about no family (sign-ins, staff accounts, setup, guessing), newest first, at most
   * `limit`, with ids below `before` when given (the next page).
   */
  listAuditOfService(limit: number, before?: number): Promise<AuditEntry[]>;
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

export function auditRecords({ db }: StoreContext): AuditRecords {
  return {
    async appendAudit(entry) {
      await db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          actor_kind: entry.actorKind,
          actor_id: entry.actorId ?? null,
          action: entry.action,
          family_id: entry.familyId ?? null,
          meeting_id: entry.meetingId ?? null,
          // Kept as text, so the keys come back in the order written [STORE14].
          detail: JSON.stringify(entry.detail),
        })
        .execute();
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
  };
}
