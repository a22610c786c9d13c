import { expect, afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser } from './browser.ts';
import { cookieOf, createFamily, signInStaff, startSignedInServer } from './meeting-harness.ts';
import { connectRealtime, request, type RealtimeClient } from './realtime-client.ts';
import type { TestServer } from './server.ts';
import { connectStockClient, type StockClient } from './yjs-client.ts';

/**
 * A vitest suite's shared set-up, on the meeting harness: one signed-in server, its first
 * administrator as the chair, one family, and the stock Yjs clients and socket.io sockets a test
 * opens, closed after each test. Call it at the top of a `describe`; read `server`, `chair` and
 * `familyId` inside tests (they are set once `beforeAll` has run).
 */
export interface MeetingSuite {
  readonly server: TestServer;
  readonly chair: Browser;
  readonly familyId: string;
  /** A stock y-websocket client of `documentName` with the cookie, synced; closed after the test. */
  stock(documentName: string, cookie?: string): Promise<StockClient>;
  /** A socket.io socket with the cookie that has entered the meeting as `screen`; closed after the test. */
  enter(cookie: string, meetingId: string, screen?: 'chair' | 'phone' | 'projector'): Promise<RealtimeClient>;
  /** Keeps clients a test opened itself, so they are closed after it too. */
  track(...opened: (StockClient | RealtimeClient)[]): void;
}

export function useMeetingSuite(options: {
  chairAddress: string;
  family: string;
  env?: Record<string, string>;
}): MeetingSuite {
  let server: TestServer | undefined;
  let chair: Browser | undefined;
  let familyId: string | undefined;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('meeting suite: used before its beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    server = await startSignedInServer(options.env);
    const staff = await signInStaff(server, options.chairAddress);
    expect(staff.signedIn.status).toBe(200);
    chair = staff.browser;
    familyId = await createFamily(chair, options.family);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  return {
    get server() {
      return ready(server);
    },
    get chair() {
      return ready(chair);
    },
    get familyId() {
      return ready(familyId);
    },
    async stock(documentName, cookie = cookieOf(ready(chair))) {
      const client = connectStockClient(ready(server).wsUrl, documentName, { cookie });
      clients.push(client);
      await client.synced;
      return client;
    },
    async enter(cookie, meetingId, screen = 'phone') {
      const socket = connectRealtime(ready(server).url, 1, cookie);
      sockets.push(socket);
      expect(await request(socket, 'meeting:enter', { meetingId, screen })).toMatchObject({ ok: true });
      return socket;
    },
    track(...opened) {
      for (const one of opened) {
        if ('provider' in one) clients.push(one);
        else sockets.push(one);
      }
    },
  };
}
