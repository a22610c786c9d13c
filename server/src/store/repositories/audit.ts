import type { Selectable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { AuditEntry, NewAuditEntry } from '../records.ts';

/** The audit log: append and read, never change; the database itself refuses to [STORE12]. */
export interface AuditRecords {
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** A family's entries, oldest first. */
  listAuditOfFamily(familyId: string): Promise<AuditEntry[]>;
  /** Entries about no family (sign-ins, staff accounts, setup, guessing), newest first, at most `limit`. */
  listAuditOfService(limit: number): Promise<AuditEntry[]>;
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

    async listAuditOfFamily(familyId) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('id')
        .execute();
      return rows.map(toAuditEntry);
    },

    async listAuditOfService(limit) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('family_id', 'is', null)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toAuditEntry);
    },
  };
}
