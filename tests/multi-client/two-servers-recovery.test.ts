import type { MeetingLiveState } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer, type TestBalancer } from '../helpers/balancer.ts';
import { startCluster, whyClusterUnavailable, type TestCluster } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import {
  connectRecoverable,
  dropConnection,
  reconnect,
  request,
  type RealtimeClient,
} from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { adminPassword, Browser } from './access-http.ts';

const unavailable = await whyClusterUnavailable();
const inCi = Boolean(process.env['CI']);
if (unavailable) console.warn(`kinboard: two-server tests ${inCi ? 'fail' : 'skipped'}: ${unavailable}`);

if (unavailable !== undefined && inCi)
  describe('recovery across two servers, in CI', () => {
    it('has PostgreSQL and Redis', () => {
      throw new Error(unavailable);
    });
  });

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

interface Screen {
  socket: RealtimeClient;
  heard: { event: string; payload: unknown }[];
}

const focusesHeard = (screen: Screen, from = 0): (string | null)[] =>
  screen.heard
    .slice(from)
    .filter((each) => each.event === 'meeting:state')
    .map((each) => (each.payload as MeetingLiveState).focus.stepId);

describe.skipIf(unavailable !== undefined)(
  '[ACCESS21] a screen recovered on another server (REDIS_URL)',
  () => {
    let cluster: TestCluster;
    let a: TestServer;
    let b: TestServer;
    let balancer: TestBalancer;
    let chair: Browser;
    let familyId: string;
    let phones = 0;
    const screens: Screen[] = [];

    beforeAll(async () => {
      cluster = await startCluster(2, {
        env: {
          REQUIRE_SIGN_IN: 'true',
          TRUST_PROXY: 'true',
          ADMIN_EMAIL: 'chair@example.org',
          ADMIN_PASSWORD: adminPassword,
        },
      });
      [a, b] = cluster.servers as [TestServer, TestServer];
      balancer = await startBalancer([a.port]);
      chair = new Browser(a, '10.10.0.1');
      expect(
        (await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword })).status,
      ).toBe(200);
      familyId = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;
    }, 60_000);
    afterEach(() => {
      for (const screen of screens.splice(0)) screen.socket.disconnect();
      balancer.sendNewConnectionsTo([a.port]);
    });
    afterAll(async () => {
      await balancer?.close();
      await cluster?.dispose();
    });

    /** An open meeting and a phone admitted to it as family, with its pass. */
    async function meetingWithGuest(title: string) {
      const made = await chair.post(`/api/families/${familyId}/meetings`, {
        type: 'family-network-meeting',
        date: '2026-12-01',
        title,
      });
      const meetingId: string = made.body.meeting.id;
      const opened = await chair.post(`/api/meetings/${meetingId}/open`);
      const phone = new Browser(a, `10.10.1.${++phones}`);
      const joined = await phone.post('/api/join', {
        code: opened.body.joinCode,
        name: 'Nan Hollis',
        relationship: 'grandmother',
      });
      expect(joined.status).toBe(201);
      const participantId: string = joined.body.participantId;
      const admitted = await chair.post(`/api/meetings/${meetingId}/participants/${participantId}/admit`, {
        role: 'family',
      });
      expect(admitted.status).toBe(200);
      return { meetingId, participantId, cookie: cookieOf(phone) };
    }

    async function enter(url: string, cookie: string, meetingId: string, screen: string): Promise<Screen> {
      const entry: Screen = { socket: connectRecoverable(url, cookie), heard: [] };
      entry.socket.onAny((event: string, payload: unknown) => entry.heard.push({ event, payload }));
      screens.push(entry);
      const entered = await request(entry.socket, 'meeting:enter', { meetingId, screen });
      expect(entered.ok, JSON.stringify(entered)).toBe(true);
      return entry;
    }

    async function focus(chairScreen: Screen, stepId: string): Promise<void> {
      const result = await request(chairScreen.socket, 'chair:focus', { focus: { stepId, column: null } });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }

    it('[ACCESS21] [CLUSTER] a phone dropped from A and back through B hears what it missed, and stays in the meeting', async () => {
      const { meetingId, cookie } = await meetingWithGuest('Recovered on B');
      const chairScreen = await enter(a.url, cookieOf(chair), meetingId, 'chair');
      const phone = await enter(balancer.url, cookie, meetingId, 'phone');

      await dropConnection(phone.socket);
      await focus(chairScreen, 'worries');
      balancer.sendNewConnectionsTo([b.port]);
      expect(await reconnect(phone.socket)).toBeUndefined();

      expect(phone.socket.recovered).toBe(true);
      await eventually(() => expect(focusesHeard(phone)).toContain('worries'));
      // Its rooms came back on B: the chair's next decision on A reaches it there.
      await focus(chairScreen, 'strengths');
      await eventually(() => expect(focusesHeard(phone).at(-1)).toBe('strengths'));
    });

    it('[ACCESS21] [CLUSTER] a guest turned away on A while offline gets nothing back through B, not even a socket', async () => {
      const { meetingId, participantId, cookie } = await meetingWithGuest('Turned away, back on B');
      const chairScreen = await enter(a.url, cookieOf(chair), meetingId, 'chair');
      const phone = await enter(balancer.url, cookie, meetingId, 'phone');

      await dropConnection(phone.socket);
      await focus(chairScreen, 'worries');
      expect(
        (await chair.post(`/api/meetings/${meetingId}/participants/${participantId}/refuse`)).status,
      ).toBe(200);
      const heardBefore = phone.heard.length;
      balancer.sendNewConnectionsTo([b.port]);
      // Turned away, the pass opens no socket on B at all [ACCESS24].
      expect(await reconnect(phone.socket)).toMatchObject({ message: 'not-admitted' });

      await focus(chairScreen, 'strengths');
      expect(focusesHeard(phone, heardBefore)).toEqual([]);
    });

    it('[ACCESS21] [CLUSTER5] a screen dropping while Redis is away does not take its server down, and comes back as new', async () => {
      const { meetingId, cookie } = await meetingWithGuest('Dropped while Redis was away');
      const phone = await enter(balancer.url, cookie, meetingId, 'phone');
      await cluster.redis.kill();
      try {
        await eventually(() => expect(a.output()).toContain('Redis is unreachable'), 10_000);
        // Its session cannot be kept: writing it fails, and the server says so and carries on.
        await dropConnection(phone.socket);
        await eventually(() => expect(a.output()).toContain('could not keep a dropped socket'), 10_000);
        expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
        expect(await reconnect(phone.socket)).toBeUndefined();
        expect(phone.socket.recovered).toBe(false);
        const entered = await request(phone.socket, 'meeting:enter', { meetingId, screen: 'phone' });
        expect(entered.ok, JSON.stringify(entered)).toBe(true);
      } finally {
        await cluster.redis.start();
      }
    });
  },
);
