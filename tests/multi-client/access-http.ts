import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Browser as BrowserType } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

export { Browser, type Answer } from '../helpers/browser.ts';
export { adminPassword } from '../helpers/meeting-harness.ts';

export interface AuditRow {
  action: string;
  actor_kind: string;
  actor_id: string | null;
  family_id: string | null;
  meeting_id: string | null;
  detail: string;
}

/** Every audit entry, read from the database file beside the running server. */
export function auditRows(server: TestServer): AuditRow[] {
  const db = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'), { readOnly: true });
  try {
    return db.prepare('SELECT * FROM audit_log ORDER BY id').all() as unknown as AuditRow[];
  } finally {
    db.close();
  }
}

/** An audit entry as the API gives it: its personal details opened while their key exists [AUDIT6]. */
export interface AuditEntryView {
  id: number;
  action: string;
  detail: Record<string, unknown>;
  personal?: Record<string, unknown>;
  personalErased?: true;
}

/** Every entry about no family, oldest first, read page by page through GET /api/audit. */
export async function serviceAudit(admin: BrowserType): Promise<AuditEntryView[]> {
  const all: AuditEntryView[] = [];
  let before: number | null = null;
  do {
    const page = await admin.get(`/api/audit?limit=500${before === null ? '' : `&before=${before}`}`);
    all.push(...(page.body.entries as AuditEntryView[]));
    before = page.body.next as number | null;
  } while (before !== null);
  return all.reverse();
}

export const staffPassword = 'a staff password of some length';
