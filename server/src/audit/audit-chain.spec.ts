import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore } from '../store/open-store.ts';
import { newTestSchema, testPostgresUrl, whyPostgresUnreachable } from '../store/postgres-testing.ts';
import type { Store } from '../store/store.ts';

const command = fileURLToPath(new URL('./verify-command.ts', import.meta.url));
const url = testPostgresUrl(process.env);
const unreachable = await whyPostgresUnreachable(url);

/** Runs the real `audit-verify` command against the store the environment names. */
function verify(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [command], { env: { ...process.env, ...env } }, (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout });
    });
  });
}

async function writeEntries(store: Store): Promise<void> {
  for (let at = 1; at <= 5; at++)
    await store.appendAudit({
      at: 1_700_000_000_000 + at,
      actorKind: 'staff',
      actorId: `staff-${at}`,
      action: 'family.opened',
      familyId: 'fam',
      detail: { n: at },
    });
}

describe('the audit log hash chain', () => {
  it('[AUDIT1] [AUDIT4] SQLite: the command says the chain holds, then names the entry an outsider changed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-audit-'));
    const file = path.join(dir, 'kinboard.db');
    try {
      const store = await openSqliteStore(file);
      await writeEntries(store);
      await store.close();
      const env = { DATA_DIR: dir, DATABASE_URL: '' };
      expect(await verify(env)).toMatchObject({ code: 0, out: expect.stringMatching(/holds \(5 entries\)/) });

      // An attacker with the file drops the append-only trigger and rewrites entry 3.
      const db = new DatabaseSync(file);
      db.exec('DROP TRIGGER audit_log_no_update');
      db.exec(`UPDATE audit_log SET actor_id = 'someone-else' WHERE id = 3`);
      db.close();
      const broken = await verify(env);
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(/broken at entry 3 written 2023-11-14T22:13:20\.003Z/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(unreachable !== undefined)(
    '[AUDIT1] [AUDIT2] [AUDIT4] PostgreSQL: servers appending at once keep one chain; a changed row is named',
    async () => {
      const schema = newTestSchema(url);
      try {
        const one = await openPostgresStore(url, { schema: schema.name });
        const two = await openPostgresStore(url, { schema: schema.name });
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? one : two).appendAudit({ at: i + 1, actorKind: 'system', action: 'x', detail: { i } }),
          ),
        );
        await writeEntries(one);
        await one.close();
        await two.close();
        const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema.name };
        expect(await verify(env)).toMatchObject({
          code: 0,
          out: expect.stringMatching(/holds \(25 entries\)/),
        });

        await schema.sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`;
        await schema.sql`UPDATE audit_log SET detail = '{"n":99}' WHERE id = 23`;
        const broken = await verify(env);
        expect(broken.code).toBe(1);
        expect(broken.out).toMatch(/broken at entry 23 written 2023-11-14T22:13:20\.003Z/);

        // Removing the newest entry is caught by the chain's head.
        await schema.sql`UPDATE audit_log SET detail = '{"n":3}' WHERE id = 23`;
        expect((await verify(env)).code).toBe(0);
        await schema.sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete`;
        await schema.sql`DELETE FROM audit_log WHERE id = 25`;
        expect(await verify(env)).toMatchObject({
          code: 1,
          out: expect.stringMatching(/newest entries were removed/),
        });
      } finally {
        await schema.drop();
      }
    },
  );
});
