import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite.ts';
import { runAccessStoreContract } from './access.contract.ts';
import { runStoreContract } from './store.contract.ts';

// A real file in a temp dir, so WAL mode, synchronous=FULL and reopening are what production runs.
const onTempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
  const file = path.join(dir, 'kinboard.db');
  return {
    open: async () => new SqliteStore(file),
    reopen: async () => new SqliteStore(file),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
};
runStoreContract('SqliteStore', onTempFile);
runAccessStoreContract('SqliteStore', onTempFile);

describe('SqliteStore audit log', () => {
  it('[STORE12] the database itself refuses to change or delete an audit entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    const file = path.join(dir, 'kinboard.db');
    const store = new SqliteStore(file);
    try {
      await store.appendAudit({ at: 1, actorKind: 'system', action: 'setup.first-admin', detail: {} });
      const db = new DatabaseSync(file);
      try {
        expect(() => db.exec("UPDATE audit_log SET action = 'nothing happened'")).toThrow(/append-only/);
        expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
      } finally {
        db.close();
      }
      expect((await store.listAuditOfService(10)).map((entry) => entry.action)).toEqual([
        'setup.first-admin',
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
