import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain [AUDIT1]: an entry's hash is SHA-256 of the hash before it and the
 * entry's canonical content, exactly as stored (the detail as its stored text, ciphertext
 * included), so changing, removing or reordering any entry breaks every hash after it.
 */

/** Where the chain starts: the hash "before" the first entry. */
export const auditGenesis = createHash('sha256').update('kinboard audit log genesis').digest('hex');

/** The stored columns an entry's hash covers (the id is not: it is the database's numbering). */
export interface AuditChainRow {
  at: number;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  family_id: string | null;
  meeting_id: string | null;
  detail: string;
}

export function chainHash(previous: string, row: AuditChainRow): string {
  const content = JSON.stringify([
    Number(row.at),
    row.actor_kind,
    row.actor_id,
    row.action,
    row.family_id,
    row.meeting_id,
    row.detail,
  ]);
  return createHash('sha256').update(previous).update('\n').update(content).digest('hex');
}

/** What a check of the chain found: it holds, or the first entry that does not. */
export type AuditChainCheck =
  | { holds: true; entries: number }
  | { holds: false; entries: number; broken: { id: number; at: number; reason: string } };
