import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addCard, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import { openPassLine, openPassOn } from '../helpers/pass-holder.ts';
import { adminPassword, auditRows, Browser } from './access-http.ts';

const words = [
  'Quillfeatherly',
  'Marigoldinea',
  'Thistlewicken',
  'Godmotherishly',
  'Zephyrcrumbly',
  'Brambletonia',
  'Auntlyhood',
  'Honeysucklia',
  'Dandelionish',
];
const [
  familyName,
  childName,
  networkName,
  relationship,
  cardText,
  guestName,
  guestRelationship,
  holderName,
  journalText,
] = words as [string, string, string, string, string, string, string, string, string];

/** The code the server closes the client's socket with. */
function closeCodeOf(client: ReturnType<typeof connectStockClient>): Promise<number> {
  return new Promise((resolve) =>
    client.provider.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
  );
}

const verifyCommand = path.resolve(import.meta.dirname, '../../server/src/audit/verify-command.ts');

describe('an administrator erases a family through the real server', () => {
  let server: TestServer;
  let admin: Browser;

  beforeAll(async () => {
    server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        TRUST_PROXY: 'true',
        ADMIN_EMAIL: 'admin@example.org',
        ADMIN_PASSWORD: adminPassword,
      },
    });
    admin = new Browser(server, '10.40.0.1');
    expect(
      (await admin.post('/api/session', { email: 'admin@example.org', password: adminPassword })).status,
    ).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('[ERASE1] [ERASE2] [ERASE4] [ERASE5] [ERASE6] [ERASE7] [AUDIT5] refused while open; then no byte of the family is left, one entry says so and the chain holds', async () => {
    const made = await admin.post('/api/families', {
      name: familyName,
      children: [{ name: childName }],
      network: [{ name: networkName, relationship }],
    });
    expect(made.status).toBe(201);
    const familyId: string = made.body.family.id;
    const meeting = await admin.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title: 'First meeting',
    });
    const meetingId: string = meeting.body.meeting.id;
    const opened = await admin.post(`/api/meetings/${meetingId}/open`);
    expect(opened.status).toBe(200);
    const joinCode: string = opened.body.joinCode;
    // A guest asks to join: their name and relationship must not stay in the audit log [AUDIT5].
    const phone = new Browser(server, '10.40.0.77');
    const joined = await phone.post('/api/join', {
      code: joinCode,
      name: guestName,
      relationship: guestRelationship,
    });
    expect(joined.status).toBeLessThan(300);
    const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const board = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie });
    await board.synced;
    for (let i = 0; i < 3; i++)
      addCard(board.doc, {
        domain: 'pastHarm',
        text: `${cardText} ${i}`,
        author: 'Admin',
        perspective: 'professional',
      });
    const reader = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie });
    await reader.synced;
    await eventually(() => expect(readCards(reader.doc)).toHaveLength(3));
    reader.destroy();

    // A pass holder's journal entry, and their page open [PASS12].
    const pass = await admin.post(`/api/families/${familyId}/passes`, {
      holderName,
      relationship: guestRelationship,
      endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    const holder = await openPassOn(server, pass.body.link, '10.40.0.78');
    const entry = await holder.post('/api/pass/journal', {
      text: journalText,
      happenedOn: '2026-12-02',
      planHeld: 'held',
    });
    expect(entry.status).toBe(201);
    const line = openPassLine(server, holder);
    await line.opened;

    const open = await admin.post(`/api/families/${familyId}/erase`, { confirmName: familyName });
    expect(open.status).toBe(409);
    // Closing the meeting already closes its connections [ACCESS7]; listened for before it.
    const closedBoard = closeCodeOf(board);
    expect((await admin.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    expect(await closedBoard).toBeGreaterThan(4000);
    board.destroy();
    const wrongName = await admin.post(`/api/families/${familyId}/erase`, { confirmName: 'Someone' });
    expect(wrongName.status).toBe(400);
    const erased = await admin.post(`/api/families/${familyId}/erase`, { confirmName: familyName });
    expect(erased.status).toBe(200);
    // Nothing lets a connection back in to an erased meeting.
    const late = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie });
    expect(await closeCodeOf(late)).toBeGreaterThan(4000);
    late.destroy();
    expect((await admin.get(`/api/families/${familyId}`)).status).toBe(404);
    expect((await line.ended)?.code).toBe(4401);
    expect((await holder.get('/api/pass')).status).toBe(401);

    // The running server's file and WAL, as a disk image would show them.
    await eventually(() => {
      const raw = readdirSync(server.dataDir)
        .filter((name) => name.startsWith('kinboard.db'))
        .map((name) => readFileSync(path.join(server.dataDir, name)).toString('latin1'))
        .join('\n');
      expect(raw.length).toBeGreaterThan(0);
      for (const word of words) expect(raw, word).not.toContain(word);
      expect(raw, 'the join code').not.toContain(joinCode);
    });
    const erasedEntry = auditRows(server).find((row) => row.action === 'family.erased');
    expect(erasedEntry).toBeDefined();
    const verified = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [verifyCommand],
        { env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(verified).toMatch(/chain holds/);
  }, 120_000);
});
