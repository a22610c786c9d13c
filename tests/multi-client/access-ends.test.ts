import { addCard, closeCodes, readCards, type Result } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyClusterUnavailable, type TestCluster } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser, staffPassword } from './access-http.ts';

const unavailable = await whyClusterUnavailable();
const inCi = Boolean(process.env['CI']);
if (unavailable) console.warn(`kinboard: access-ends tests ${inCi ? 'fail' : 'skipped'}: ${unavailable}`);
if (unavailable !== undefined && inCi)
  describe('access ends on every server, in CI', () => {
    it('has PostgreSQL and Redis', () => {
      throw new Error(unavailable);
    });
  });

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** One open connection of each kind on one server, and how (and when) each was ended. */
interface Screens {
  board: StockClient;
  boardClosed: Promise<{ code: number; at: number }>;
  socket: RealtimeClient;
  /** Every event the socket received, in order, with when. */
  received: { event: string; payload: unknown; at: number }[];
  socketGone: Promise<number>;
}

describe.skipIf(unavailable !== undefined)(
  'every way access ends closes what rested on it, on every server',
  () => {
    let cluster: TestCluster;
    let a: TestServer;
    let b: TestServer;
    let admin: Browser;
    let familyId: string;
    let people = 0;
    const clients: StockClient[] = [];
    const sockets: RealtimeClient[] = [];

    beforeAll(async () => {
      cluster = await startCluster(2, {
        env: {
          REQUIRE_SIGN_IN: 'true',
          TRUST_PROXY: 'true',
          ADMIN_EMAIL: 'admin@example.org',
          ADMIN_PASSWORD: adminPassword,
        },
      });
      [a, b] = cluster.servers as [TestServer, TestServer];
      admin = new Browser(a, '10.30.0.1');
      expect(
        (await admin.post('/api/session', { email: 'admin@example.org', password: adminPassword })).status,
      ).toBe(200);
      familyId = (await admin.post('/api/families', { name: 'Hollis' })).body.family.id;
    }, 90_000);
    afterEach(() => {
      for (const client of clients.splice(0)) client.destroy();
      for (const socket of sockets.splice(0)) socket.disconnect();
    });
    afterAll(async () => {
      await cluster?.dispose();
    });

    async function openMeeting(): Promise<{ meetingId: string; code: string }> {
      const made = await admin.post(`/api/families/${familyId}/meetings`, {
        type: 'family-network-meeting',
        date: '2026-12-01',
        title: `Meeting ${++people}`,
      });
      const meetingId: string = made.body.meeting.id;
      const opened = await admin.post(`/api/meetings/${meetingId}/open`);
      return { meetingId, code: opened.body.joinCode };
    }

    /** A staff account with access to the family, signed in on server A in a browser of its own. */
    async function worker(role: 'staff' | 'admin' = 'staff') {
      const email = `worker${++people}@example.org`;
      const made = await admin.post('/api/staff', {
        email,
        name: `Worker ${people}`,
        password: staffPassword,
        role,
      });
      expect(made.status).toBe(201);
      const staffId: string = made.body.staff.id;
      expect((await admin.post(`/api/families/${familyId}/access`, { staffId })).status).toBe(200);
      const browser = await signIn(email);
      return { staffId, email, browser };
    }

    async function signIn(email: string): Promise<Browser> {
      const browser = new Browser(a, `10.31.0.${++people}`);
      expect((await browser.post('/api/session', { email, password: staffPassword })).status).toBe(200);
      return browser;
    }

    /** A stock y-websocket board and a socket.io screen in the meeting, on `server`, with `cookie`. */
    async function screensOn(server: TestServer, cookie: string, meetingId: string): Promise<Screens> {
      const board = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie });
      clients.push(board);
      const boardClosed = new Promise<{ code: number; at: number }>((resolve) =>
        board.provider.on(
          'connection-close',
          (event) => event && resolve({ code: event.code, at: Date.now() }),
        ),
      );
      await board.synced;
      const socket = connectRealtime(server.url, 1, cookie);
      sockets.push(socket);
      const received: Screens['received'] = [];
      socket.onAny((event: string, payload: unknown) => received.push({ event, payload, at: Date.now() }));
      const socketGone = new Promise<number>((resolve) =>
        socket.once('disconnect', () => resolve(Date.now())),
      );
      const entered = await new Promise<Result<unknown>>((resolve) =>
        (socket.emit as (e: string, p: unknown, ack: (r: Result<unknown>) => void) => void)(
          'meeting:enter',
          { meetingId, screen: 'phone' },
          resolve,
        ),
      );
      expect(entered.ok, JSON.stringify(entered)).toBe(true);
      return { board, boardClosed, socket, received, socketGone };
    }

    /**
     * The screens end with `code` (the board's close code, and socket.io's `access:ended`), and
     * nothing of the meeting reaches them after: a card the chair adds then is not on their board.
     */
    async function expectEnded(screens: Screens, code: number, decidedAt: number, label: string) {
      const closed = await screens.boardClosed;
      expect(closed.code).toBe(code);
      const gone = await screens.socketGone;
      const notice = screens.received.find((each) => each.event === 'access:ended');
      expect(notice, `${label}: socket.io was told why`).toBeDefined();
      expect((notice!.payload as { code: number }).code).toBe(code);
      expect(screens.received.filter((each) => each.at > notice!.at)).toEqual([]);
      console.log(
        `kinboard: ${label}: board closed ${closed.at - decidedAt} ms, socket.io ${gone - decidedAt} ms after the decision`,
      );
      return notice!;
    }

    async function chairWrites(meetingId: string, text: string) {
      const chairBoard = connectStockClient(a.wsUrl, `${meetingId}.map`, { cookie: cookieOf(admin) });
      clients.push(chairBoard);
      await chairBoard.synced;
      addCard(chairBoard.doc, { domain: 'pastHarm', text, author: 'Admin', perspective: 'professional' });
      return chairBoard;
    }

    it('[ACCESS22] signing out closes the session’s board and socket.io screens on both servers with 4440; another browser’s stay', async () => {
      const meeting = await openMeeting();
      const { email, browser } = await worker();
      const other = await signIn(email);
      const onB = await screensOn(b, cookieOf(browser), meeting.meetingId);
      const onA = await screensOn(a, cookieOf(browser), meeting.meetingId);
      const stays = await screensOn(b, cookieOf(other), meeting.meetingId);
      const cookie = cookieOf(browser);
      const decidedAt = Date.now();
      expect((await browser.request('DELETE', '/api/session')).status).toBe(200);
      await expectEnded(onB, closeCodes.sessionEnded, decidedAt, 'sign-out, other server');
      await expectEnded(onA, closeCodes.sessionEnded, decidedAt, 'sign-out, same server');
      const chairBoard = await chairWrites(meeting.meetingId, 'After the sign-out');
      await eventually(() =>
        expect(readCards(stays.board.doc).map((card) => card.text)).toContain('After the sign-out'),
      );
      expect(readCards(onB.board.doc).map((card) => card.text)).not.toContain('After the sign-out');
      expect(stays.socket.connected).toBe(true);
      chairBoard.destroy();
      // The old cookie opens nothing any more.
      const again = connectRealtime(b.url, 1, cookie);
      sockets.push(again);
      const refused = await new Promise<Error>((resolve) => again.once('connect_error', resolve));
      expect(refused.message).toBe('not-admitted');
    });

    it('[ACCESS22] [ACCESS25] a password change closes every other session’s screens with 4440, on both servers; the changing browser stays', async () => {
      const meeting = await openMeeting();
      const { email, browser } = await worker();
      const changer = await signIn(email);
      const ended = await screensOn(b, cookieOf(browser), meeting.meetingId);
      const stays = await screensOn(b, cookieOf(changer), meeting.meetingId);
      const decidedAt = Date.now();
      const changed = await changer.post('/api/session/password', {
        currentPassword: staffPassword,
        newPassword: 'a brand new password',
      });
      expect(changed.status).toBe(200);
      await expectEnded(ended, closeCodes.sessionEnded, decidedAt, 'password change');
      expect(stays.socket.connected).toBe(true);
      expect((await changer.get('/api/session')).status).toBe(200);
      expect((await browser.get('/api/session')).status).toBe(401);
      // A wrong current password changes nothing.
      expect(
        (
          await changer.post('/api/session/password', {
            currentPassword: 'not it at all',
            newPassword: 'another new password',
          })
        ).status,
      ).toBe(403);
    });

    it('[ACCESS22] [ACCESS25] an administrator disabling the account closes its screens on both servers with 4440', async () => {
      const meeting = await openMeeting();
      const { staffId, browser } = await worker();
      const onB = await screensOn(b, cookieOf(browser), meeting.meetingId);
      const onA = await screensOn(a, cookieOf(browser), meeting.meetingId);
      const decidedAt = Date.now();
      expect((await admin.request('PATCH', `/api/staff/${staffId}`, { disabled: true })).status).toBe(200);
      await expectEnded(onB, closeCodes.sessionEnded, decidedAt, 'account disabled, other server');
      await expectEnded(onA, closeCodes.sessionEnded, decidedAt, 'account disabled, same server');
    });

    it('[ACCESS22] [ACCESS25] lowering an administrator to staff ends their sessions and closes their screens with 4440', async () => {
      const meeting = await openMeeting();
      const { staffId, browser } = await worker('admin');
      const onB = await screensOn(b, cookieOf(browser), meeting.meetingId);
      const decidedAt = Date.now();
      const lowered = await admin.request('PATCH', `/api/staff/${staffId}`, { role: 'staff' });
      expect(lowered.status).toBe(200);
      expect(lowered.body.staff.role).toBe('staff');
      await expectEnded(onB, closeCodes.sessionEnded, decidedAt, 'role lowered');
      // Only administrators change roles, and only by this route.
      const other = await worker();
      expect((await other.browser.request('PATCH', `/api/staff/${staffId}`, { role: 'admin' })).status).toBe(
        403,
      );
    });

    it('[ACCESS22] [ACCESS25] removing a staff member’s access to the family closes their screens of its meetings with 4403', async () => {
      const meeting = await openMeeting();
      const { staffId, browser } = await worker();
      const onB = await screensOn(b, cookieOf(browser), meeting.meetingId);
      const decidedAt = Date.now();
      expect((await admin.request('DELETE', `/api/families/${familyId}/access/${staffId}`)).status).toBe(200);
      await expectEnded(onB, closeCodes.forbidden, decidedAt, 'family access removed');
      expect((await browser.get(`/api/meetings/${meeting.meetingId}`)).status).not.toBe(200);
      expect((await browser.request('DELETE', `/api/families/${familyId}/access/${staffId}`)).status).toBe(
        403,
      );
      expect((await admin.request('DELETE', `/api/families/${familyId}/access/${staffId}`)).status).toBe(404);
    });

    it('[ACCESS22] a guest turned away after being let in, and every guest when the meeting closes, are closed on the other server', async () => {
      const meeting = await openMeeting();
      const phone = new Browser(b, `10.32.0.${++people}`);
      const joined = await phone.post('/api/join', {
        code: meeting.code,
        name: 'Aunt',
        relationship: 'aunt',
      });
      const participantId: string = joined.body.participantId;
      await admin.post(`/api/meetings/${meeting.meetingId}/participants/${participantId}/admit`, {
        role: 'family',
      });
      const refused = await screensOn(b, cookieOf(phone), meeting.meetingId);
      let decidedAt = Date.now();
      await admin.post(`/api/meetings/${meeting.meetingId}/participants/${participantId}/refuse`);
      await expectEnded(refused, closeCodes.notAdmitted, decidedAt, 'guest turned away');

      const other = new Browser(b, `10.32.0.${++people}`);
      const second = await other.post('/api/join', {
        code: meeting.code,
        name: 'Uncle',
        relationship: 'uncle',
      });
      await admin.post(`/api/meetings/${meeting.meetingId}/participants/${second.body.participantId}/admit`, {
        role: 'family',
      });
      const closing = await screensOn(b, cookieOf(other), meeting.meetingId);
      decidedAt = Date.now();
      await admin.post(`/api/meetings/${meeting.meetingId}/close`);
      await expectEnded(closing, closeCodes.meetingClosed, decidedAt, 'meeting closed');
    });
  },
);
