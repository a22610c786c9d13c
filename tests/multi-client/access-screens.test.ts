import { closeCodes } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, type RealtimeClient } from '../helpers/realtime-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from './access-http.ts';

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

describe('a guest pass holds a few screens at once; past them the oldest is closed with 4441 [ACCESS27]', () => {
  let server: TestServer;
  let meetingId: string;
  let cookie: string;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  beforeAll(async () => {
    server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        TRUST_PROXY: 'true',
        ADMIN_EMAIL: 'chair@example.org',
        ADMIN_PASSWORD: adminPassword,
      },
    });
    const chair = new Browser(server, '10.45.0.1');
    await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
    const familyId: string = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;
    const made = await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title: 'Screens',
    });
    meetingId = made.body.meeting.id;
    const code: string = (await chair.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
    const phone = new Browser(server, '10.45.0.2');
    const joined = await phone.post('/api/join', { code, name: 'Aunt', relationship: 'aunt' });
    await chair.post(`/api/meetings/${meetingId}/participants/${joined.body.participantId}/admit`, {
      role: 'family',
    });
    cookie = cookieOf(phone);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  async function board(part: 'map' | 'frame') {
    const client = connectStockClient(server.wsUrl, `${meetingId}.${part}`, { cookie });
    clients.push(client);
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => event && closes.push(event.code));
    await client.synced;
    return { client, closes };
  }

  it('sync: a fourth board connection of one document closes the oldest; the other document counts by itself', async () => {
    const boards = [await board('map'), await board('map'), await board('map')];
    const frame = await board('frame');
    const fourth = await board('map');
    await eventually(() => expect(boards[0]!.closes).toEqual([closeCodes.replaced]));
    for (const still of [...boards.slice(1), fourth, frame]) {
      expect(still.closes).toEqual([]);
      expect(still.client.provider.wsconnected).toBe(true);
    }
  });

  it('socket.io: a fourth socket on the pass ends the oldest with access:ended 4441', async () => {
    const opened: { socket: RealtimeClient; ended: number[] }[] = [];
    for (let index = 0; index < 4; index++) {
      const socket = connectRealtime(server.url, 1, cookie);
      sockets.push(socket);
      const ended: number[] = [];
      socket.on('access:ended', ({ code }) => ended.push(code));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      opened.push({ socket, ended });
    }
    await eventually(() => expect(opened[0]!.ended).toEqual([closeCodes.replaced]));
    await eventually(() => expect(opened[0]!.socket.connected).toBe(false));
    for (const still of opened.slice(1)) {
      expect(still.ended).toEqual([]);
      expect(still.socket.connected).toBe(true);
    }
  });
});
