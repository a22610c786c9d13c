import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore } from '@kinboard/server/store/open-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createMeeting, makeDataDir, storedDoc } from '../helpers/store-fixtures.ts';
import { adminPassword, auditRows, Browser } from './access-http.ts';

const hour = 3_600_000;
const guestsOf = {
  'retain-long-ago': ['Aunt Rosalind Quillfeather', 'Mr Obadiah Penhallow'],
  'retain-just-now': ['Nana Philippa Threlkeld'],
} as const;

interface GuestRow {
  meeting_id: string;
  name: string;
  relationship: string;
  pass_hash: string;
  role: string | null;
  details_purged_at: number | null;
}

function guests(dataDir: string): GuestRow[] {
  const db = new DatabaseSync(path.join(dataDir, 'kinboard.db'), { readOnly: true });
  try {
    return db
      .prepare(
        'SELECT meeting_id, name, relationship, pass_hash, role, details_purged_at FROM participant ORDER BY id',
      )
      .all() as unknown as GuestRow[];
  } finally {
    db.close();
  }
}

/**
 * The purge, through the real server on its own clock, with short settings: guests' details
 * kept one hour after their meeting closed, checked every second, a family record ten years.
 */
describe('[RETAIN1] [RETAIN2] [RETAIN3] [RETAIN4] retention purges guests after their time and keeps the record', () => {
  const data = makeDataDir();
  let server: TestServer;

  beforeAll(async () => {
    for (const meetingId of Object.keys(guestsOf) as (keyof typeof guestsOf)[]) {
      const text = new Y.Doc();
      text.getMap('cards').set('kept-card', `What ${meetingId} agreed`);
      await createMeeting(data.dataDir, meetingId, {
        documents: [{ documentName: `${meetingId}.map`, update: Y.encodeStateAsUpdate(text) }],
      });
      const store = await openSqliteStore(path.join(data.dataDir, 'kinboard.db'));
      try {
        for (const [index, name] of guestsOf[meetingId].entries())
          await store.addParticipant({
            id: `${meetingId}-guest-${index}`,
            meetingId,
            name,
            relationship: 'grandparent',
            role: 'family',
            status: 'admitted',
            passHash: `pass-hash-${meetingId}-${index}`,
            createdAt: Date.now(),
          });
        await store.closeMeeting(meetingId);
      } finally {
        await store.close();
      }
    }
    // One meeting closed two hours ago (past the hour), one just now; and its date long ago.
    const db = new DatabaseSync(path.join(data.dataDir, 'kinboard.db'));
    db.prepare("UPDATE meeting SET closed_at = ?, date = '2001-04-02' WHERE id = 'retain-long-ago'").run(
      Date.now() - 2 * hour,
    );
    db.close();
    server = await startServer({
      dataDir: data.dataDir,
      env: {
        GUEST_DETAILS_KEPT_HOURS: '1',
        RETENTION_CHECK_SECONDS: '1',
        FAMILY_RECORD_YEARS: '10',
        ADMIN_EMAIL: 'ada.admin@example.org',
        ADMIN_PASSWORD: adminPassword,
      },
    });
  });
  afterAll(async () => {
    await server.dispose();
    data.remove();
  });

  it("purges the details and passes of guests whose meeting closed past the setting, once, and nobody else's", async () => {
    await eventually(() => {
      const old = guests(data.dataDir).filter((row) => row.meeting_id === 'retain-long-ago');
      expect(old).toHaveLength(2);
      for (const row of old) {
        expect(row).toMatchObject({ name: '', relationship: '', pass_hash: '', role: 'family' });
        expect(row.details_purged_at).toBeGreaterThan(0);
      }
    }, 15_000);
    const recent = guests(data.dataDir).filter((row) => row.meeting_id === 'retain-just-now');
    expect(recent).toEqual([
      {
        meeting_id: 'retain-just-now',
        name: 'Nana Philippa Threlkeld',
        relationship: 'grandparent',
        pass_hash: 'pass-hash-retain-just-now-0',
        role: 'family',
        details_purged_at: null,
      },
    ]);
    // The purge runs every second; two more rounds later it has still been recorded once.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const purges = auditRows(server).filter((row) => row.action === 'retention.purged');
    expect(purges).toHaveLength(1);
    expect(JSON.parse(purges[0]!.detail)).toEqual({ guests: 2 });
    expect(purges[0]!.detail).not.toContain('Quillfeather');
  });

  it('[RETAIN2] forgets staff sessions once they have expired, by itself', async () => {
    const db = new DatabaseSync(path.join(data.dataDir, 'kinboard.db'));
    try {
      const { id } = db.prepare("SELECT id FROM staff WHERE email = 'ada.admin@example.org'").get() as {
        id: string;
      };
      const insert = db.prepare(
        'INSERT INTO staff_session (id, staff_id, created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?)',
      );
      insert.run('expired-session', id, Date.now() - 2 * hour, Date.now() - hour, Date.now() - 2 * hour);
      insert.run('live-session', id, Date.now(), Date.now() + hour, Date.now());
      await eventually(() => {
        const left = db.prepare("SELECT id FROM staff_session WHERE id LIKE '%-session' ORDER BY id").all();
        expect(left.map((row) => row['id'])).toEqual(['live-session']);
      }, 10_000);
    } finally {
      db.close();
    }
  });

  it('[RETAIN3] leaves the family, its meeting and its board, and shows when its record is due for review', async () => {
    expect(storedDoc(data.dataDir, 'retain-long-ago.map').getMap('cards').get('kept-card')).toBe(
      'What retain-long-ago agreed',
    );
    const admin = new Browser(server);
    expect(
      (await admin.post('/api/session', { email: 'ada.admin@example.org', password: adminPassword })).status,
    ).toBe(200);
    const old = await admin.get('/api/families/retain-long-ago-family');
    expect(old.status).toBe(200);
    expect(old.body.meetings.map((meeting: { id: string }) => meeting.id)).toEqual(['retain-long-ago']);
    expect(old.body.retention).toEqual({ keptUntil: '2011-04-02', years: 10, due: true });
    const recent = await admin.get('/api/families/retain-just-now-family');
    expect(recent.body.retention).toEqual({ keptUntil: '2036-02-01', years: 10, due: false });

    const due = await admin.get('/api/retention/families-due');
    expect(due.status).toBe(200);
    expect(due.body.families.map((each: { family: { id: string } }) => each.family.id)).toEqual([
      'retain-long-ago-family',
    ]);
    // Only administrators see the review list.
    expect((await new Browser(server).get('/api/retention/families-due')).status).toBe(401);
  });
});
