import type { Result, ScalingRoundMessage, ScalingRoundView } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, type RealtimeClient } from '../helpers/realtime-client.ts';
import { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
  type OpenMeeting,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';

/** A screen in the meeting: its socket and every message it received, acknowledgements included. */
interface Screen {
  name: string;
  cookie: string;
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

describe('scaling rounds: private until revealed, fixed after', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;
  const screens: Screen[] = [];
  let phones = 0;

  beforeAll(async () => {
    server = await startSignedInServer();
    chair = (await signInStaff(server, '10.5.0.1')).browser;
    familyId = await createFamily(chair, 'Hollis');
  });
  afterEach(() => {
    for (const screen of screens.splice(0)) screen.socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const openMeeting = (title: string, date = '2026-12-01') =>
    createOpenMeeting(chair, familyId, { title, date });

  /** A phone that joined with the code as `name` and was let in with `role`: its cookie. */
  async function guest(meeting: OpenMeeting, name: string, role: string) {
    phones += 1;
    const joined = await joinAsGuest(server, meeting.code, {
      address: `10.6.0.${phones}`,
      name,
      relationship: 'family',
    });
    expect((await admitGuest(chair, meeting.meetingId, joined.participantId, role)).status).toBe(200);
    return joined.cookie;
  }

  /** Connects a socket with the cookie and enters the meeting, recording everything it receives. */
  async function enter(name: string, cookie: string, meetingId: string, screen = 'phone'): Promise<Screen> {
    const socket = connectRealtime(server.url, 1, cookie);
    const entry: Screen = { name, cookie, socket, received: [] };
    socket.onAny((event: string, payload: unknown) => entry.received.push({ event, payload }));
    screens.push(entry);
    const entered = await ask(entry, 'meeting:enter', { meetingId, screen });
    expect(entered.ok).toBe(true);
    return entry;
  }

  /** Emits a request and records its acknowledgement as a received message too. */
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

  /** The chair, four guests, an observer and the projector, all in one meeting. */
  async function meetingOfSeven(title: string) {
    const meeting = await openMeeting(title);
    const chairScreen = await enter('Chair', cookieOf(chair), meeting.meetingId, 'chair');
    const projector = await enter('Projector', cookieOf(chair), meeting.meetingId, 'projector');
    const people: [string, string][] = [
      ['Nan Hollis', 'family'],
      ['Dad Hollis', 'family'],
      ['Aunt Bea', 'network'],
      ['Ms Teacher', 'professional'],
    ];
    const guests: Screen[] = [];
    for (const [name, role] of people)
      guests.push(await enter(name, await guest(meeting, name, role), meeting.meetingId));
    const observer = await enter(
      'Olive Observer',
      await guest(meeting, 'Olive Observer', 'observer'),
      meeting.meetingId,
    );
    return {
      meeting,
      chairScreen,
      projector,
      guests,
      observer,
      all: [chairScreen, projector, ...guests, observer],
    };
  }

  /** Every number found in a screen's messages: `"value":n` wherever it appears. */
  const numbersIn = (screen: Screen, from = 0): number[] =>
    [...JSON.stringify(screen.received.slice(from)).matchAll(/"value":(\d+)/g)].map((match) =>
      Number(match[1]),
    );

  it("[SCALE2] [SCALE3] [SCALE5] [SCALE10] before the reveal no screen receives another person's number; after it every screen gets all five, with names", async () => {
    const { chairScreen, projector, guests, observer, all } = await meetingOfSeven('Private named round');
    const started = await ask(chairScreen, 'scaling:start', { question, mode: { named: true, open: false } });
    expect(started.ok).toBe(true);
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    for (const screen of all)
      await eventually(() => expect(lastRound(screen)?.question.text).toBe(question.text));

    // Five people answer, each their own number and reason; one changes their mind.
    const answerers = [chairScreen, ...guests];
    const values = [2, 4, 6, 8, 9];
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
    expect(
      (
        await ask(guests[0]!, 'scaling:answer', {
          roundId,
          value: 5,
          reason: 'reason of Nan Hollis, changed',
        })
      ).ok,
    ).toBe(true);
    values[1] = 5;
    for (const screen of all) await eventually(() => expect(lastRound(screen)?.answeredCount).toBe(5));

    // Every message each screen received so far: only its own number, no one else's reason.
    for (const [index, screen] of all.entries()) {
      const own = answerers.indexOf(screen);
      const allowed = own === -1 ? [] : [values[own]!, ...(own === 1 ? [4] : [])];
      expect(
        numbersIn(screen).every((value) => allowed.includes(value)),
        `${screen.name} saw ${numbersIn(screen)}`,
      ).toBe(true);
      const text = JSON.stringify(screen.received);
      for (const other of answerers)
        if (other !== screen) expect(text).not.toContain(`reason of ${other.name}`);
      expect(lastRound(screen)!.points).toEqual([]);
      if (index > 1) expect(lastRound(screen)!.answered.map((each) => each.name)).toContain('Nan Hollis');
    }
    expect(lastRound(guests[0]!)!.mine).toEqual({ value: 5, reason: 'reason of Nan Hollis, changed' });
    expect(lastRound(projector)!.mine).toBeNull();
    expect(lastRound(observer)!.mayAnswer).toBe(false);

    const before = all.map((screen) => screen.received.length);
    expect((await ask(chairScreen, 'scaling:reveal', { roundId })).ok).toBe(true);
    for (const [index, screen] of all.entries())
      await eventually(() => {
        const round = lastRound(screen)!;
        expect(round.state).toBe('revealed');
        expect(round.points.map((point) => point.value)).toEqual([2, 5, 6, 8, 9]);
        expect(round.points.map((point) => point.name)).toContain('Ms Teacher');
        expect(round.spread).toEqual({ lowest: 2, highest: 9, middle: 6, count: 5 });
        expect(numbersIn(screen, before[index])).toEqual(expect.arrayContaining([2, 5, 6, 8, 9]));
      });

    // The family's record says who showed the numbers and how many there were, never the numbers.
    const { entries } = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body;
    const reveal = entries.find((entry: { action: string }) => entry.action === 'scaling.revealed');
    expect(reveal).toMatchObject({ actorKind: 'staff', detail: { roundId, answers: 5 } });
    expect(Object.keys(reveal.detail).sort()).toEqual(['answers', 'roundId']);
  });

  it('[SCALE5] an anonymous round carries no name or role in any message, before or after the reveal', async () => {
    const { chairScreen, guests, all } = await meetingOfSeven('Anonymous round');
    const from = all.map((screen) => screen.received.length);
    const started = await ask(chairScreen, 'scaling:start', {
      question,
      mode: { named: false, open: false },
    });
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    for (const [index, screen] of [chairScreen, ...guests].entries())
      await ask(screen, 'scaling:answer', { roundId, value: index + 3, reason: '' });
    await ask(chairScreen, 'scaling:reveal', { roundId });
    for (const screen of all) await eventually(() => expect(lastRound(screen)?.points).toHaveLength(5));
    for (const [index, screen] of all.entries()) {
      const text = JSON.stringify(screen.received.slice(from[index]));
      for (const name of [
        'Chair',
        'Administrator',
        'Nan Hollis',
        'Dad Hollis',
        'Aunt Bea',
        'Ms Teacher',
        'Olive',
      ])
        expect(text).not.toContain(name);
      expect(text).not.toMatch(/"name"|"role"|"answered":\[\{/);
    }
  });

  it("[SCALE4] a malformed or out-of-range answer, an observer's and one after the reveal are refused with a clear error", async () => {
    const { chairScreen, projector, guests, observer } = await meetingOfSeven('Refusals');
    const started = await ask(chairScreen, 'scaling:start', { question, mode: { named: true, open: false } });
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    const nan = guests[0]!;
    for (const value of [11, -1, 3.5, '7', null]) {
      const refused = await ask(nan, 'scaling:answer', { roundId, value });
      expect(refused).toEqual({
        ok: false,
        code: 'bad-request',
        message: expect.stringMatching(/whole number from 0 to 10/),
      });
    }
    expect(await ask(nan, 'scaling:answer', { roundId, value: 5, reason: 'x'.repeat(1001) })).toEqual({
      ok: false,
      code: 'bad-request',
      message: expect.stringMatching(/under 1000 characters/),
    });
    expect(await ask(nan, 'scaling:answer', { roundId, value: 5, extra: true })).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(await ask(nan, 'scaling:answer', { roundId: 'no-such-round', value: 5 })).toMatchObject({
      ok: false,
      code: 'not-found',
      message: 'That scaling question is not running in this meeting.',
    });
    for (const watcher of [observer, projector])
      expect(await ask(watcher, 'scaling:answer', { roundId, value: 5 })).toEqual({
        ok: false,
        code: 'forbidden',
        message: 'Observers and the projector watch: they do not give a number.',
      });
    expect(await ask(nan, 'scaling:reveal', { roundId })).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'Only the chair can do that.',
    });
    expect(await ask(nan, 'scaling:start', { question, mode: { named: true, open: false } })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    expect((await ask(nan, 'scaling:answer', { roundId, value: 5 })).ok).toBe(true);
    expect((await ask(chairScreen, 'scaling:reveal', { roundId })).ok).toBe(true);
    expect(await ask(nan, 'scaling:answer', { roundId, value: 9 })).toEqual({
      ok: false,
      code: 'conflict',
      message: 'The numbers have been shown, so answers cannot change any more.',
    });
    expect(await ask(guests[1]!, 'scaling:answer', { roundId, value: 9 })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await ask(chairScreen, 'scaling:reveal', { roundId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const record = await ask(nan, 'scaling:view', {});
    expect((record as { value: ScalingRoundView }).value.points).toEqual([
      { value: 5, name: 'Nan Hollis', role: 'family' },
    ]);
  });

  it("[SCALE6] an open round moves everyone's marker live", async () => {
    const { chairScreen, guests, observer } = await meetingOfSeven('Open round');
    const started = await ask(chairScreen, 'scaling:start', { question, mode: { named: true, open: true } });
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    await ask(guests[0]!, 'scaling:answer', { roundId, value: 3 });
    await eventually(() =>
      expect(lastRound(observer)?.points).toEqual([{ value: 3, name: 'Nan Hollis', role: 'family' }]),
    );
    await ask(guests[0]!, 'scaling:answer', { roundId, value: 4 });
    await eventually(() => expect(lastRound(observer)?.points.map((point) => point.value)).toEqual([4]));
  });

  it('[SCALE7] a late joiner sees and answers the running round; a restart keeps the round and every answer', async () => {
    const meeting = await openMeeting('Restart');
    const chairScreen = await enter('Chair', cookieOf(chair), meeting.meetingId, 'chair');
    const nanCookie = await guest(meeting, 'Nan Hollis', 'family');
    const nan = await enter('Nan Hollis', nanCookie, meeting.meetingId);
    const started = await ask(chairScreen, 'scaling:start', {
      question,
      mode: { named: false, open: false },
    });
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    await ask(nan, 'scaling:answer', { roundId, value: 6, reason: 'Nan is there every day' });

    // Someone arrives mid-round: they see the question and who has answered, and answer.
    const lateCookie = await guest(meeting, 'Late Uncle', 'network');
    const late = await enter('Late Uncle', lateCookie, meeting.meetingId);
    const seen = (await ask(late, 'scaling:view', {})) as { value: ScalingRoundView };
    expect(seen.value).toMatchObject({
      roundId,
      state: 'running',
      answeredCount: 1,
      mine: null,
      points: [],
      mayAnswer: true,
    });
    expect((await ask(late, 'scaling:answer', { roundId, value: 2 })).ok).toBe(true);

    for (const screen of screens.splice(0)) screen.socket.disconnect();
    server = await server.restart();
    chair = Object.assign(new Browser(server, '10.5.0.1'), { cookies: chair.cookies });

    const back = await enter('Nan Hollis', nanCookie, meeting.meetingId);
    const view = (await ask(back, 'scaling:view', {})) as { value: ScalingRoundView };
    expect(view.value).toMatchObject({
      roundId,
      state: 'running',
      answeredCount: 2,
      mine: { value: 6, reason: 'Nan is there every day' },
      points: [],
    });
    const chairBack = await enter('Chair', cookieOf(chair), meeting.meetingId, 'chair');
    expect((await ask(chairBack, 'scaling:reveal', { roundId })).ok).toBe(true);
    await eventually(() => expect(lastRound(back)?.points.map((point) => point.value)).toEqual([2, 6]));
  });

  it('[SCALE4] a guest the chair makes an observer mid-round can no longer answer, and is told so', async () => {
    const meeting = await openMeeting('Role change');
    const chairScreen = await enter('Chair', cookieOf(chair), meeting.meetingId, 'chair');
    phones += 1;
    const cousin = await joinAsGuest(server, meeting.code, {
      address: `10.6.0.${phones}`,
      name: 'Cousin Jo',
      relationship: 'cousin',
    });
    const participantId = cousin.participantId;
    await admitGuest(chair, meeting.meetingId, participantId, 'family');
    const jo = await enter('Cousin Jo', cousin.cookie, meeting.meetingId);
    const started = await ask(chairScreen, 'scaling:start', { question, mode: { named: true, open: false } });
    const roundId = (started as { value: ScalingRoundView }).value.roundId;
    expect(((await ask(jo, 'scaling:view', {})) as { value: ScalingRoundView }).value.mayAnswer).toBe(true);
    await chair.post(`/api/meetings/${meeting.meetingId}/participants/${participantId}/role`, {
      role: 'observer',
    });
    await eventually(() => expect(jo.received.some((each) => each.event === 'participant:role')).toBe(true));
    expect(((await ask(jo, 'scaling:view', {})) as { value: ScalingRoundView }).value.mayAnswer).toBe(false);
    expect(await ask(jo, 'scaling:answer', { roundId, value: 4 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('[SCALE9] the family record groups revealed rounds of two meetings by question; other staff are refused', async () => {
    const progressOf = async () => (await chair.get(`/api/families/${familyId}/scaling`)).body.questions;
    const earlier = (await progressOf()).find(
      (each: { questionId: string }) => each.questionId === 'q-progress',
    );
    expect(earlier).toBeUndefined();
    for (const [title, date, values] of [
      ['Review one', '2027-01-10', [2, 3]],
      ['Review two', '2027-02-10', [5, 7]],
    ] as const) {
      const meeting = await openMeeting(title, date);
      const chairScreen = await enter('Chair', cookieOf(chair), meeting.meetingId, 'chair');
      const nan = await enter('Nan Hollis', await guest(meeting, 'Nan Hollis', 'family'), meeting.meetingId);
      const started = await ask(chairScreen, 'scaling:start', {
        question: { ...question, questionId: 'q-progress', text: 'How well is the plan working?' },
        mode: { named: true, open: false },
      });
      const roundId = (started as { value: ScalingRoundView }).value.roundId;
      await ask(chairScreen, 'scaling:answer', { roundId, value: values[0] });
      await ask(nan, 'scaling:answer', { roundId, value: values[1] });
      await ask(chairScreen, 'scaling:reveal', { roundId });
    }
    const progress = (await progressOf()).find(
      (each: { questionId: string }) => each.questionId === 'q-progress',
    );
    expect(progress.rounds.map((round: { meetingTitle: string }) => round.meetingTitle)).toEqual([
      'Review one',
      'Review two',
    ]);
    expect(progress.rounds[1].spread).toEqual({ lowest: 5, highest: 7, middle: 6, count: 2 });
    expect(progress.rounds[1].points).toContainEqual({ value: 7, name: 'Nan Hollis', role: 'family' });

    const stranger = new Browser(server, '10.5.0.9');
    expect((await stranger.get(`/api/families/${familyId}/scaling`)).status).toBe(401);
  });
});
