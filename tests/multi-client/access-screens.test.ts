import { closeCodes } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, type RealtimeClient } from '../helpers/realtime-client.ts';
import {
  admitGuest,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

describe('a guest pass holds a few screens at once; past them the oldest is closed with 4441 [ACCESS27]', () => {
  let server: TestServer;
  let meetingId: string;
  let cookie: string;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer();
    const { browser: chair } = await signInStaff(server, '10.45.0.1');
    const familyId = await createFamily(chair, 'Hollis');
    const opened = await createOpenMeeting(chair, familyId, { title: 'Screens' });
    meetingId = opened.meetingId;
    const aunt = await joinAsGuest(server, opened.code, {
      address: '10.45.0.2',
      name: 'Aunt',
      relationship: 'aunt',
    });
    expect((await admitGuest(chair, meetingId, aunt.participantId, 'family')).status).toBe(200);
    cookie = aunt.cookie;
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
