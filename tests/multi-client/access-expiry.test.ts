import { closeCodes } from '@kinboard/shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectRealtime, type RealtimeClient } from '../helpers/realtime-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from './access-http.ts';

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a session that expires closes the connections resting on it [ACCESS23]', () => {
  const servers: TestServer[] = [];
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.dispose()));
  });

  /** A server with these session times, its administrator signed in, and an open meeting. */
  async function signedIn(env: Record<string, string>) {
    const server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        ADMIN_EMAIL: 'admin@example.org',
        ADMIN_PASSWORD: adminPassword,
        ...env,
      },
    });
    servers.push(server);
    const admin = new Browser(server);
    await admin.post('/api/session', { email: 'admin@example.org', password: adminPassword });
    const familyId = (await admin.post('/api/families', { name: 'Hollis' })).body.family.id;
    const made = await admin.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title: 'Expiring',
    });
    const meetingId: string = made.body.meeting.id;
    await admin.post(`/api/meetings/${meetingId}/open`);
    const board = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie: cookieOf(admin) });
    clients.push(board);
    const boardClosed = new Promise<{ code: number; at: number }>((resolve) =>
      board.provider.on(
        'connection-close',
        (event) => event && resolve({ code: event.code, at: Date.now() }),
      ),
    );
    await board.synced;
    const socket = connectRealtime(server.url, 1, cookieOf(admin));
    sockets.push(socket);
    const ended = new Promise<{ code: number; at: number }>((resolve) =>
      socket.on('access:ended', ({ code }) => resolve({ code, at: Date.now() })),
    );
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return { admin, board, boardClosed, socket, ended };
  }

  it('idle end: requests over HTTP slide it, so the screens stay while the person is active, and close with 4440 once idle', async () => {
    // 3 s idle, 12 h at most.
    const { admin, board, boardClosed, ended } = await signedIn({ SESSION_IDLE_MINUTES: '0.05' });
    const activeUntil = Date.now() + 6_000;
    while (Date.now() < activeUntil) {
      expect((await admin.get('/api/session')).status).toBe(200);
      await sleep(400);
    }
    // Twice the idle time of activity, and the board is still open.
    expect(board.provider.wsconnected).toBe(true);
    const idleFrom = Date.now();
    const closed = await boardClosed;
    expect(closed.code).toBe(closeCodes.sessionEnded);
    expect((await ended).code).toBe(closeCodes.sessionEnded);
    expect((await admin.get('/api/session')).status).toBe(401);
    console.log(
      `kinboard: idle session: screens closed ${closed.at - idleFrom} ms after the last request (idle 3000 ms)`,
    );
  }, 30_000);

  it('maximum end: closes with 4440 at the maximum however active the person is', async () => {
    // 3.6 s at most, idle 1 minute.
    const startedAt = Date.now();
    const { admin, boardClosed, ended } = await signedIn({
      SESSION_MAX_HOURS: '0.001',
      SESSION_IDLE_MINUTES: '1',
    });
    let closedYet = false;
    void boardClosed.then(() => (closedYet = true));
    while (!closedYet && Date.now() - startedAt < 20_000) {
      await admin.get('/api/session');
      await sleep(300);
    }
    const closed = await boardClosed;
    expect(closed.code).toBe(closeCodes.sessionEnded);
    expect((await ended).code).toBe(closeCodes.sessionEnded);
    console.log(
      `kinboard: maximum session: screens closed ${closed.at - startedAt} ms after sign-in began (maximum 3600 ms)`,
    );
  }, 30_000);
});
