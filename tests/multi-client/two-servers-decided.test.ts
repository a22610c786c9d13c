import {
  addCard,
  closeCodes,
  readCards,
  type Result,
  type ScalingRoundMessage,
  type ScalingRoundView,
} from '@kinboard/shared';
import { joinCodeAlphabet } from '@kinboard/shared/access/join-code';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyClusterUnavailable, type TestCluster } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { presenceFrame } from '../helpers/presence-frames.ts';
import { frames, openRawSocket } from '../helpers/raw-sync-client.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import * as Y from 'yjs';
import { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  signedInEnv,
} from '../helpers/meeting-harness.ts';

const unavailable = await whyClusterUnavailable();
const inCi = Boolean(process.env['CI']);
if (unavailable) console.warn(`kinboard: two-server tests ${inCi ? 'fail' : 'skipped'}: ${unavailable}`);

if (unavailable !== undefined && inCi)
  describe('two servers deciding together, in CI', () => {
    it('has PostgreSQL and Redis', () => {
      throw new Error(unavailable);
    });
  });

/** A screen in the meeting on one server: its socket and every message it received. */
interface Screen {
  name: string;
  socket: RealtimeClient;
  received: { event: string; payload: unknown }[];
}

const question = {
  questionId: 'q-safe',
  text: 'How safe are Maisie and Jack at home right now?',
  zeroMeans: 'They cannot live at home',
  tenMeans: 'Everyone knows they are safe enough for the case to close',
  tiedTo: { kind: 'standalone' },
};

describe.skipIf(unavailable !== undefined)('two servers deciding one meeting together (REDIS_URL)', () => {
  let cluster: TestCluster;
  let a: TestServer;
  let b: TestServer;
  let chair: Browser;
  let familyId: string;
  const screens: Screen[] = [];
  const clients: StockClient[] = [];
  let phones = 0;

  beforeAll(async () => {
    cluster = await startCluster(2, { env: signedInEnv });
    [a, b] = cluster.servers as [TestServer, TestServer];
    const staff = await signInStaff(a, '10.7.0.1');
    expect(staff.signedIn.status).toBe(200);
    chair = staff.browser;
    familyId = await createFamily(chair, 'Hollis');
  }, 60_000);
  afterEach(() => {
    for (const screen of screens.splice(0)) screen.socket.disconnect();
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  const openMeeting = (title: string) => createOpenMeeting(chair, familyId, { title });

  /** A phone that joins through server B and is let in by the chair on server A. */
  async function guestThroughB(meeting: { meetingId: string; code: string }, name: string, role: string) {
    phones += 1;
    const joined = await joinAsGuest(b, meeting.code, {
      address: `10.8.0.${phones}`,
      name,
      relationship: 'family',
    });
    expect(joined.joined.status).toBe(201);
    expect((await admitGuest(chair, meeting.meetingId, joined.participantId, role)).status).toBe(200);
    return { cookie: joined.cookie, participantId: joined.participantId };
  }

  async function enter(
    server: TestServer,
    name: string,
    cookie: string,
    meetingId: string,
    screen = 'phone',
  ) {
    const socket = connectRealtime(server.url, 1, cookie);
    const entry: Screen = { name, socket, received: [] };
    socket.onAny((event: string, payload: unknown) => entry.received.push({ event, payload }));
    screens.push(entry);
    const entered = await ask(entry, 'meeting:enter', { meetingId, screen });
    expect(entered.ok, `${name} entered: ${JSON.stringify(entered)}`).toBe(true);
    return entry;
  }

  function ask<T = ScalingRoundView>(screen: Screen, event: string, payload: unknown): Promise<Result<T>> {
    return new Promise((resolve) =>
      (screen.socket.emit as (event: string, payload: unknown, ack: (result: Result<T>) => void) => void)(
        event,
        payload,
        (result) => {
          screen.received.push({ event: `ack:${event}`, payload: result });
          resolve(result);
        },
      ),
    );
  }

  const lastRound = (screen: Screen): ScalingRoundView | null | undefined => {
    const messages = screen.received.filter((each) => each.event === 'scaling:round');
    return (messages.at(-1)?.payload as ScalingRoundMessage | undefined)?.round;
  };

  const numbersIn = (screen: Screen, from = 0): number[] =>
    [...JSON.stringify(screen.received.slice(from)).matchAll(/"value":(\d+)/g)].map((match) =>
      Number(match[1]),
    );

  it('[CLUSTER3] a guest joining through B reaches the chair on A, is admitted there, and edits the board on B', async () => {
    const meeting = await openMeeting('Admitted across servers');
    const chairScreen = await enter(a, 'Chair', cookieOf(chair), meeting.meetingId, 'chair');
    const { cookie, participantId } = await guestThroughB(meeting, 'Nan Hollis', 'family');
    const authorId = `guest:${participantId}`;
    // The lobby change decided on B reached the chair's screen on A.
    await eventually(() =>
      expect(JSON.stringify(chairScreen.received.filter((each) => each.event === 'lobby:changed'))).toContain(
        'Nan Hollis',
      ),
    );
    const phone = await enter(b, 'Nan Hollis', cookie, meeting.meetingId);
    expect(phone.received.some((each) => each.event === 'ack:meeting:enter')).toBe(true);

    const document = `${meeting.meetingId}.map`;
    const chairBoard = connectStockClient(a.wsUrl, document, {
      cookie: cookieOf(chair),
      params: { screen: 'chair' },
    });
    const phoneBoard = connectStockClient(b.wsUrl, document, { cookie, params: { screen: 'phone' } });
    clients.push(chairBoard, phoneBoard);
    await Promise.all([chairBoard.synced, phoneBoard.synced]);
    addCard(phoneBoard.doc, {
      domain: 'goals',
      text: 'Nan walks them home',
      author: 'Nan',
      authorId,
      perspective: 'family',
    });
    await eventually(() =>
      expect(readCards(chairBoard.doc).map((card) => card.text)).toContain('Nan walks them home'),
    );
    addCard(chairBoard.doc, {
      domain: 'futureDanger',
      text: 'Dad drinks again',
      author: 'Chair',
      perspective: 'professional',
    });
    await eventually(() =>
      expect(readCards(phoneBoard.doc).map((card) => card.text)).toContain('Dad drinks again'),
    );

    // The chair locks a column on A: the phone on B may no longer write to it.
    expect((await ask(chairScreen, 'chair:lock', { column: 'needsToHappen', locked: true })).ok).toBe(true);
    await eventually(() => expect(phone.received.some((each) => each.event === 'meeting:state')).toBe(true));
    const closed = new Promise<number>((resolve) =>
      phoneBoard.provider.on('connection-close', (event) => event && resolve(event.code)),
    );
    addCard(phoneBoard.doc, {
      domain: 'goals',
      text: 'written into a locked column',
      author: 'Nan',
      authorId,
      perspective: 'family',
    });
    expect(await closed).toBeGreaterThanOrEqual(4000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readCards(chairBoard.doc).map((card) => card.text)).not.toContain('written into a locked column');
  });

  it('[CLUSTER3] [ACCESS7] a role changed and a guest turned away on A take effect on B at once', async () => {
    const meeting = await openMeeting('Access changed across servers');
    const document = `${meeting.meetingId}.map`;
    const watcher = await guestThroughB(meeting, 'Nan Hollis', 'family');
    const phone = await enter(b, 'Nan Hollis', watcher.cookie, meeting.meetingId);
    const board = connectStockClient(b.wsUrl, document, {
      cookie: watcher.cookie,
      params: { screen: 'phone' },
    });
    const away = await guestThroughB(meeting, 'Uncle Ray', 'network');
    const awayBoard = connectStockClient(b.wsUrl, document, {
      cookie: away.cookie,
      params: { screen: 'phone' },
    });
    clients.push(board, awayBoard);
    await Promise.all([board.synced, awayBoard.synced]);

    expect(
      (
        await chair.post(`/api/meetings/${meeting.meetingId}/participants/${watcher.participantId}/role`, {
          role: 'observer',
        })
      ).status,
    ).toBe(200);
    await eventually(() =>
      expect(
        phone.received.filter((each) => each.event === 'participant:role').map((each) => each.payload),
      ).toEqual([{ meetingId: meeting.meetingId, role: 'observer' }]),
    );
    const refused = new Promise<number>((resolve) =>
      board.provider.on('connection-close', (event) => event && resolve(event.code)),
    );
    addCard(board.doc, {
      domain: 'goals',
      text: 'Now only watching',
      author: 'Nan',
      authorId: `guest:${watcher.participantId}`,
      perspective: 'family',
    });
    expect(await refused).toBe(closeCodes.refusedEdit);

    const turnedAway = new Promise<number>((resolve) =>
      awayBoard.provider.on('connection-close', (event) => event && resolve(event.code)),
    );
    expect(
      (await chair.post(`/api/meetings/${meeting.meetingId}/participants/${away.participantId}/refuse`))
        .status,
    ).toBe(200);
    expect(await turnedAway).toBeGreaterThanOrEqual(4000);
  });

  it("[CLUSTER3] the chair's controls from screens on both servers at once: every change is kept", async () => {
    const meeting = await openMeeting('Two chair screens');
    const chairOnA = await enter(a, 'Chair', cookieOf(chair), meeting.meetingId, 'chair');
    const chairOnB = await enter(b, 'Chair on B', cookieOf(chair), meeting.meetingId, 'chair');
    const columns = ['worries', 'workingWell', 'needsToHappen'] as const;
    for (let round = 0; round < 3; round++)
      await Promise.all(
        columns.map((column, index) =>
          ask(index % 2 === 0 ? chairOnA : chairOnB, 'chair:lock', { column, locked: round !== 1 }),
        ),
      );
    for (const server of [a, b]) {
      const screen = await enter(server, 'Projector', cookieOf(chair), meeting.meetingId, 'projector');
      const entered = screen.received.find((each) => each.event === 'ack:meeting:enter')?.payload as {
        value: { lockedColumns: string[] };
      };
      expect(entered.value.lockedColumns.toSorted()).toEqual([...columns].sort());
    }
  });

  it('[CLUSTER1] [SYNC17] presence crosses servers as the record says, and nobody on B can take the presence of someone on A', async () => {
    const meeting = await openMeeting('Presence across servers');
    const document = `${meeting.meetingId}.map`;
    const chairBoard = connectStockClient(a.wsUrl, document, {
      cookie: cookieOf(chair),
      params: { screen: 'chair' },
    });
    const watcher = connectStockClient(b.wsUrl, document, {
      cookie: (await guestThroughB(meeting, 'Nan Hollis', 'family')).cookie,
      params: { screen: 'phone' },
    });
    clients.push(chairBoard, watcher);
    await Promise.all([chairBoard.synced, watcher.synced]);
    const chairId = chairBoard.doc.clientID;
    // A field the rebuilt presence keeps (the card being typed in), so both the relay and a spoof would show [SYNC26].
    chairBoard.provider.awareness.setLocalStateField('typing', 'c_chairtypinghere');
    const seen = () => watcher.provider.awareness.getStates().get(chairId);
    await eventually(() => expect(seen()?.['typing']).toBe('c_chairtypinghere'));
    const before = JSON.stringify(seen());

    const spoofer = openRawSocket(`${b.wsUrl}/yjs/${document}?screen=phone`, {
      cookie: (await guestThroughB(meeting, 'Uncle Ray', 'network')).cookie,
    });
    await spoofer.opened;
    spoofer.send(frames.syncStep1(new Y.Doc()));
    spoofer.send(
      presenceFrame([
        { client: chairId, clock: 1000, state: JSON.stringify({ typing: 'c_spoofedtypingxx' }) },
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    spoofer.ws.close();
    expect(JSON.stringify(seen())).toBe(before);
  });

  it('[CLUSTER3] [ACCESS6] wrong join codes count across servers: 20 spread over A and B pace the guesser on both, and the right code still gets in', async () => {
    const meeting = await openMeeting('Guessed across servers');
    const wrong = (i: number) => `ZZZZZZ${joinCodeAlphabet[i]}2`;
    const onA = new Browser(a, '203.0.113.77');
    const onB = new Browser(b, '203.0.113.77');
    for (let i = 0; i < 20; i++) {
      const guess = await (i % 2 === 0 ? onA : onB).post('/api/join', {
        code: wrong(i),
        name: 'x',
        relationship: 'x',
      });
      expect(guess.status).toBe(404);
    }
    for (const browser of [onA, onB])
      expect(
        (await browser.post('/api/join', { code: wrong(21), name: 'x', relationship: 'x' })).status,
      ).toBe(429);
    // Another address is not slowed; the guesser's own, once its turn comes, gets in with the right code.
    expect(
      (
        await new Browser(b, '203.0.113.78').post('/api/join', {
          code: meeting.code,
          name: 'Nan',
          relationship: 'family',
        })
      ).status,
    ).toBe(201);
    await eventually(
      async () =>
        expect(
          (await onA.post('/api/join', { code: meeting.code, name: 'Grandad', relationship: 'family' }))
            .status,
        ).toBe(201),
      30_000,
      1_000,
    );
  }, 60_000);

  it('[CLUSTER3] a private round answered on both servers leaks no number before the reveal from B, then shows every one', async () => {
    const meeting = await openMeeting('Round across servers');
    const chairOnA = await enter(a, 'Chair', cookieOf(chair), meeting.meetingId, 'chair');
    // The chair's second screen (a laptop behind the balancer that landed on B).
    const chairOnB = await enter(b, 'Chair on B', cookieOf(chair), meeting.meetingId, 'chair');
    const guestsOnB: Screen[] = [];
    for (const [name, role] of [
      ['Nan Hollis', 'family'],
      ['Aunt Bea', 'network'],
    ] as const)
      guestsOnB.push(
        await enter(b, name, (await guestThroughB(meeting, name, role)).cookie, meeting.meetingId),
      );
    // A guest admitted the same way, whose phone landed on A.
    const guestOnA = await enter(
      a,
      'Ms Teacher',
      (await guestThroughB(meeting, 'Ms Teacher', 'professional')).cookie,
      meeting.meetingId,
    );
    const all = [chairOnA, chairOnB, ...guestsOnB, guestOnA];

    const started = await ask(chairOnA, 'scaling:start', { question, mode: { named: true, open: false } });
    expect(started.ok).toBe(true);
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    for (const screen of all)
      await eventually(() => expect(lastRound(screen)?.question.text).toBe(question.text));

    const answerers = [chairOnA, ...guestsOnB, guestOnA];
    const values = [2, 4, 7, 9];
    for (const [index, screen] of answerers.entries())
      expect(
        (
          await ask(screen, 'scaling:answer', {
            roundId,
            value: values[index],
            reason: `reason of ${screen.name}`,
          })
        ).ok,
      ).toBe(true);
    for (const screen of all) await eventually(() => expect(lastRound(screen)?.answeredCount).toBe(4));

    for (const screen of all) {
      const own = answerers.indexOf(screen);
      // The chair's two screens are one person: both may show the chair's own number.
      const allowed = own === -1 ? [values[0]!] : [values[own]!];
      expect(
        numbersIn(screen).every((value) => allowed.includes(value)),
        `${screen.name} saw ${numbersIn(screen)}`,
      ).toBe(true);
      const text = JSON.stringify(screen.received);
      for (const other of answerers)
        if (other !== screen && !(screen === chairOnB && other === chairOnA))
          expect(text).not.toContain(`reason of ${other.name}`);
      expect(lastRound(screen)!.points).toEqual([]);
    }

    const before = all.map((screen) => screen.received.length);
    expect((await ask(chairOnB, 'scaling:reveal', { roundId })).ok).toBe(true);
    for (const [index, screen] of all.entries())
      await eventually(() => {
        const round = lastRound(screen)!;
        expect(round.state).toBe('revealed');
        expect(round.points.map((point) => point.value).sort((x, y) => x - y)).toEqual([2, 4, 7, 9]);
        expect(numbersIn(screen, before[index])).toEqual(expect.arrayContaining(values));
      });
  });

  it("[CLUSTER5] a guest who joins through B while Redis is away reaches the chair's lobby on A once it returns", async () => {
    const meeting = await openMeeting('Lobby across a Redis outage');
    const chairScreen = await enter(a, 'Chair', cookieOf(chair), meeting.meetingId, 'chair');
    await cluster.redis.kill();
    for (const server of [a, b])
      await eventually(async () =>
        expect((await (await fetch(`${server.url}/healthz`)).json()).redis).toBe('unavailable'),
      );
    const phone = new Browser(b, '10.9.0.1');
    expect(
      (await phone.post('/api/join', { code: meeting.code, name: 'Grandad Joe', relationship: 'family' }))
        .status,
    ).toBe(201);
    await cluster.redis.start();
    await eventually(
      () =>
        expect(
          JSON.stringify(chairScreen.received.filter((each) => each.event === 'lobby:changed')),
        ).toContain('Grandad Joe'),
      15_000,
    );
  });
});
