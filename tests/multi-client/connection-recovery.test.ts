import type { MeetingLiveState } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import {
  connectRecoverable,
  dropConnection,
  reconnect,
  request,
  type RealtimeClient,
} from '../helpers/realtime-client.ts';
import { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';

/** A screen's socket and every event it heard, in order. */
interface Screen {
  socket: RealtimeClient;
  heard: { event: string; payload: unknown }[];
}

const focusesHeard = (screen: Screen): (string | null)[] =>
  screen.heard
    .filter((each) => each.event === 'meeting:state')
    .map((each) => (each.payload as MeetingLiveState).focus.stepId);

describe('[ACCESS21] a screen that dropped off for a moment is recovered only as it would be let in now', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;
  let phones = 0;
  const screens: Screen[] = [];

  beforeAll(async () => {
    server = await startSignedInServer();
    const staff = await signInStaff(server, '10.9.0.1');
    expect(staff.signedIn.status).toBe(200);
    chair = staff.browser;
    familyId = await createFamily(chair, 'Hollis');
  });
  afterEach(() => {
    for (const screen of screens.splice(0)) screen.socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function openMeeting(title: string): Promise<string> {
    const meetingId = await createMeeting(chair, familyId, { title });
    const opened = await chair.post(`/api/meetings/${meetingId}/open`);
    expect(opened.status).toBe(200);
    phones += 1;
    const joined = await joinAsGuest(server, opened.body.joinCode, {
      address: `10.9.1.${phones}`,
      name: 'Nan Hollis',
      relationship: 'grandmother',
    });
    expect(joined.joined.status).toBe(201);
    guest = { cookie: joined.cookie, participantId: joined.participantId };
    expect((await admitGuest(chair, meetingId, guest.participantId, 'family')).status).toBe(200);
    return meetingId;
  }
  let guest: { cookie: string; participantId: string };

  async function enter(cookie: string, meetingId: string, screen: 'chair' | 'phone'): Promise<Screen> {
    const entry: Screen = { socket: connectRecoverable(server.url, cookie), heard: [] };
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

  it('[ACCESS21] the phone hears what the chair decided while it was away, without entering again', async () => {
    const meetingId = await openMeeting('Recovered');
    const chairScreen = await enter(cookieOf(chair), meetingId, 'chair');
    const phone = await enter(guest.cookie, meetingId, 'phone');

    await dropConnection(phone.socket);
    await focus(chairScreen, 'worries');
    expect(await reconnect(phone.socket)).toBeUndefined();

    expect(phone.socket.recovered).toBe(true);
    await eventually(() => expect(focusesHeard(phone)).toContain('worries'));
    // Still in the meeting's room: the next decision reaches it live.
    await focus(chairScreen, 'strengths');
    await eventually(() => expect(focusesHeard(phone).at(-1)).toBe('strengths'));
  });

  it('[ACCESS21] a guest turned away while offline gets nothing of the meeting back, and is refused at the handshake [ACCESS24]', async () => {
    const meetingId = await openMeeting('Turned away while offline');
    const chairScreen = await enter(cookieOf(chair), meetingId, 'chair');
    const phone = await enter(guest.cookie, meetingId, 'phone');

    await dropConnection(phone.socket);
    await focus(chairScreen, 'worries');
    const refused = await chair.post(`/api/meetings/${meetingId}/participants/${guest.participantId}/refuse`);
    expect(refused.status).toBe(200);
    const heardBefore = phone.heard.length;
    // Turned away, the pass opens no socket at all: not recovered, not even connected [ACCESS24].
    expect(await reconnect(phone.socket)).toMatchObject({ message: 'not-admitted' });
    await focus(chairScreen, 'strengths');
    expect(focusesHeard({ ...phone, heard: phone.heard.slice(heardBefore) })).toEqual([]);
  });

  it('[ACCESS21] a guest made an observer while offline is not recovered into the old role, and enters as an observer', async () => {
    const meetingId = await openMeeting('Role changed while offline');
    const chairScreen = await enter(cookieOf(chair), meetingId, 'chair');
    const phone = await enter(guest.cookie, meetingId, 'phone');

    await dropConnection(phone.socket);
    await focus(chairScreen, 'worries');
    const changed = await chair.post(`/api/meetings/${meetingId}/participants/${guest.participantId}/role`, {
      role: 'observer',
    });
    expect(changed.status).toBe(200);
    const heardBefore = phone.heard.length;
    expect(await reconnect(phone.socket)).toBeUndefined();

    await focus(chairScreen, 'strengths');
    // It came back as nobody yet: no role to act with, and nothing heard before entering again.
    expect(await request(phone.socket, 'plan:offer', { ruleId: 'r-1' })).toMatchObject({
      ok: false,
      code: 'not-admitted',
    });
    expect(focusesHeard({ ...phone, heard: phone.heard.slice(heardBefore) })).toEqual([]);
    const entered = await request(phone.socket, 'meeting:enter', { meetingId, screen: 'phone' });
    expect(entered.ok, JSON.stringify(entered)).toBe(true);
    expect(entered.ok && entered.value.focus.stepId).toBe('strengths');
    // Entering gave it the role it has now: an observer offers nothing.
    expect(await request(phone.socket, 'plan:offer', { ruleId: 'r-1' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('[ACCESS21] the chair dropped for a moment is recovered into the staff screens and hears who joined meanwhile', async () => {
    const meetingId = await openMeeting('Chair recovered');
    const chairScreen = await enter(cookieOf(chair), meetingId, 'chair');
    const opened = await chair.get(`/api/meetings/${meetingId}`);
    await dropConnection(chairScreen.socket);
    const latecomer = new Browser(server, `10.9.2.${++phones}`);
    const joined = await latecomer.post('/api/join', {
      code: opened.body.meeting.joinCode,
      name: 'Uncle Ray',
      relationship: 'uncle',
    });
    expect(joined.status).toBe(201);
    expect(await reconnect(chairScreen.socket)).toBeUndefined();

    expect(chairScreen.socket.recovered).toBe(true);
    await eventually(() =>
      expect(JSON.stringify(chairScreen.heard.filter((each) => each.event === 'lobby:changed'))).toContain(
        'Uncle Ray',
      ),
    );
    // And it still acts as the chair, without entering again.
    await focus(chairScreen, 'worries');
  });

  it('[ACCESS21] a meeting closed while the phone was away sends it nothing more, and its pass opens no socket [ACCESS24]', async () => {
    const meetingId = await openMeeting('Closed while offline');
    const chairScreen = await enter(cookieOf(chair), meetingId, 'chair');
    const phone = await enter(guest.cookie, meetingId, 'phone');

    await dropConnection(phone.socket);
    await focus(chairScreen, 'worries');
    expect((await chair.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const heardBefore = phone.heard.length;
    // The guest has left with the meeting: the pass opens no socket [ACCESS24]; the phone learns
    // that the meeting finished from /api/join/status.
    expect(await reconnect(phone.socket)).toMatchObject({ message: 'not-admitted' });
    expect(focusesHeard({ ...phone, heard: phone.heard.slice(heardBefore) })).toEqual([]);
  });
});
