import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

export const staffPassword = 'a staff password of some length';
