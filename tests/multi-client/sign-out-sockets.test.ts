import { closeCodes } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from './access-http.ts';

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

describe('[IDENT6] [ACCESS22] signing out closes the connections resting on that session, and only those', () => {
  let server: TestServer;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  beforeAll(async () => {
    server = await startServer({
      env: { REQUIRE_SIGN_IN: 'true', ADMIN_EMAIL: 'chair@example.org', ADMIN_PASSWORD: adminPassword },
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  /** A browser signed in as the chair, with a board and a socket on the demo meeting. */
  async function signedInScreen(address: string) {
    const browser = new Browser(server, address);
    expect(
      (await browser.post('/api/session', { email: 'chair@example.org', password: adminPassword })).status,
    ).toBe(200);
    const cookie = cookieOf(browser);
    const board = connectStockClient(server.wsUrl, 'demo-hollis.map', { cookie });
    clients.push(board);
    const closed = new Promise<number>((resolve) =>
      board.provider.on('connection-close', (event) => event && resolve(event.code)),
    );
    await board.synced;
    const socket = connectRealtime(server.url, 1, cookie);
    sockets.push(socket);
    expect((await request(socket, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'chair' })).ok).toBe(
      true,
    );
    return { browser, board, closed, socket };
  }

  it('closes the signed-out browser’s board (4440) and socket, and leaves the other browser’s open', async () => {
    const laptop = await signedInScreen('10.3.0.1');
    const other = await signedInScreen('10.3.0.2');
    expect((await laptop.browser.request('DELETE', '/api/session')).status).toBe(200);
    expect(await laptop.closed).toBe(closeCodes.sessionEnded);
    await eventually(() => expect(laptop.socket.connected).toBe(false));
    // The same person's other sign-in keeps its board and socket.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(other.board.provider.wsconnected).toBe(true);
    expect(other.socket.connected).toBe(true);
  });
});
