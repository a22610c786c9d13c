import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../helpers/server.ts';
import { adminPassword, Browser, staffPassword } from './access-http.ts';

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** How a bare WebSocket to the sync endpoint was closed, and how many frames it got first. */
async function syncAnswer(
  url: string,
  cookie: string,
): Promise<{ code: number; reason: string; frames: number }> {
  const ws = new WebSocket(url, { headers: { cookie } });
  let frames = 0;
  ws.on('message', () => frames++);
  ws.on('error', () => {});
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), frames })),
  );
}

describe('a meeting someone may not see answers as a missing one [ACCESS28]', () => {
  let server: TestServer;
  let meetingId: string;
  let waitingGuest: Browser;
  let otherGuest: Browser;
  let stranger: Browser;

  beforeAll(async () => {
    server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        TRUST_PROXY: 'true',
        ADMIN_EMAIL: 'chair@example.org',
        ADMIN_PASSWORD: adminPassword,
      },
    });
    const chair = new Browser(server, '10.40.0.1');
    await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
    const familyId: string = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;
    const meeting = async (title: string) => {
      const made = await chair.post(`/api/families/${familyId}/meetings`, {
        type: 'family-network-meeting',
        date: '2026-12-01',
        title,
      });
      const id: string = made.body.meeting.id;
      return { id, code: (await chair.post(`/api/meetings/${id}/open`)).body.joinCode as string };
    };
    const mine = await meeting('Theirs');
    const other = await meeting('Another');
    meetingId = mine.id;
    waitingGuest = new Browser(server, '10.40.0.2');
    await waitingGuest.post('/api/join', { code: mine.code, name: 'Aunt', relationship: 'aunt' });
    otherGuest = new Browser(server, '10.40.0.3');
    const joined = await otherGuest.post('/api/join', {
      code: other.code,
      name: 'Uncle',
      relationship: 'uncle',
    });
    await chair.post(`/api/meetings/${other.id}/participants/${joined.body.participantId}/admit`, {
      role: 'family',
    });
    await chair.post('/api/staff', {
      email: 'stranger@example.org',
      name: 'Stranger',
      password: staffPassword,
      role: 'staff',
    });
    stranger = new Browser(server, '10.40.0.4');
    await stranger.post('/api/session', { email: 'stranger@example.org', password: staffPassword });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('over HTTP: the same status and body as a meeting that does not exist, for a guest pass or staff without access', async () => {
    const missing = randomUUID();
    for (const [who, browser] of [
      ['waiting guest', waitingGuest],
      ['guest of another meeting', otherGuest],
      ['staff without access', stranger],
    ] as const) {
      for (const path of ['', '/lobby']) {
        if (path && who !== 'staff without access') continue;
        const existing = await browser.get(`/api/meetings/${meetingId}${path}`);
        const absent = await browser.get(`/api/meetings/${missing}${path}`);
        expect({ status: existing.status, body: existing.body }, `${who} ${path}`).toEqual({
          status: absent.status,
          body: absent.body,
        });
        expect(existing.status).toBe(404);
      }
    }
  });

  it('over the sync endpoint: the same close code and reason, and nothing sent', async () => {
    const missing = randomUUID();
    for (const browser of [waitingGuest, otherGuest, stranger]) {
      const existing = await syncAnswer(`${server.wsUrl}/yjs/${meetingId}.map`, cookieOf(browser));
      const absent = await syncAnswer(`${server.wsUrl}/yjs/${missing}.map`, cookieOf(browser));
      expect(existing).toEqual(absent);
      expect(existing.frames).toBe(0);
    }
  });
});
