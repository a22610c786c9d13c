import { addCard, closeCodes, editCardText, readCards, type MeetingLiveState } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const texts = (doc: Y.Doc) => readCards(doc).map((card) => card.text);
/** How the server closed a stock client (they stop for good on 4400-4499). */
const closeCode = (client: StockClient) =>
  new Promise<number>((resolve) =>
    client.provider.on('connection-close', (event) => event && resolve(event.code)),
  );
const valueOf = (result: Awaited<ReturnType<typeof request>>): MeetingLiveState => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result.value;
};

/**
 * [LIVE6] The chair's live state is kept in the store: after a restart mid-meeting a fresh screen
 * gets the same focus, undo, follow, locks and a timer that kept running, and the sync server
 * still refuses a phone's edit in a locked column from the very first update [ACCESS20].
 */
describe('[LIVE6] the chair’s live meeting state survives a restart', () => {
  let server: TestServer;
  let chair: Browser;
  let phoneCookie: string;
  let phoneKey: string;
  let meetingId: string;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer();
    chair = (await signInStaff(server, '10.1.0.1')).browser;
    const familyId = await createFamily(chair, 'Hollis');
    const opened = await createOpenMeeting(chair, familyId, { title: 'Restart' });
    meetingId = opened.meetingId;
    const phone = await joinAsGuest(server, opened.code, {
      address: '10.2.0.1',
      name: 'Nan',
      relationship: 'aunt',
    });
    expect((await admitGuest(chair, meetingId, phone.participantId, 'family')).status).toBe(200);
    phoneCookie = phone.cookie;
    phoneKey = phone.key;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const stock = async (cookie: string) => {
    const client = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie });
    clients.push(client);
    await client.synced;
    return client;
  };
  const enter = async (cookie: string, screen: 'chair' | 'phone') => {
    const socket = connectRealtime(server.url, 1, cookie);
    sockets.push(socket);
    return { socket, state: valueOf(await request(socket, 'meeting:enter', { meetingId, screen })) };
  };

  it('[LIVE6] focus, undo, follow, a lock and a running timer come back; the lock still binds the phone', async () => {
    const name = `${meetingId}.map`;
    let phone = await stock(phoneCookie);
    const strength = addCard(phone.doc, {
      domain: 'existingStrengths',
      text: 'Nan walks them to school',
      author: 'Nan',
      authorId: phoneKey,
      perspective: 'family',
    });
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('Nan walks them to school'),
    );

    const { socket: chairSocket } = await enter(cookieOf(chair), 'chair');
    await request(chairSocket, 'chair:focus', { focus: { stepId: 'worries', column: 'worries' } });
    await request(chairSocket, 'chair:focus', { focus: { stepId: 'working-well', column: 'workingWell' } });
    await request(chairSocket, 'chair:follow', { follow: false });
    await request(chairSocket, 'chair:lock', { column: 'workingWell', locked: true });
    await request(chairSocket, 'chair:timer', { action: 'set', durationMs: 600_000 });
    const before = valueOf(await request(chairSocket, 'chair:timer', { action: 'start' }));
    expect(before).toMatchObject({ follow: false, lockedColumns: ['workingWell'] });
    expect(before.timer.startedAt).not.toBeNull();

    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
    server = await server.restart();

    // First thing after the restart, before any screen asks for the live state: the phone's edit
    // in the locked column is refused, and nothing of it is stored.
    const storedBefore = Y.encodeStateAsUpdate(storedDoc(server.dataDir, name));
    phone = await stock(phoneCookie);
    const closed = closeCode(phone);
    editCardText(phone.doc, strength, 'Rewritten after the restart');
    expect(await closed).toBe(closeCodes.refusedEdit);
    expect(Y.encodeStateAsUpdate(storedDoc(server.dataDir, name))).toEqual(storedBefore);

    // A fresh screen gets the state as the chair left it; the timer kept running meanwhile.
    const { state: after } = await enter(phoneCookie, 'phone');
    const { serverNow: sentBefore, ...kept } = before;
    const { serverNow: sentAfter, ...restored } = after;
    expect(restored).toEqual(kept);
    expect(sentAfter).toBeGreaterThan(sentBefore);
    const left = after.timer.remainingMs - (after.serverNow - after.timer.startedAt!);
    expect(left).toBeLessThan(600_000);
    expect(left).toBeGreaterThan(600_000 - 60_000);

    // The chair's undo still goes back one step; unlocking lets the phone edit again.
    const { socket: chairAgain } = await enter(cookieOf(chair), 'chair');
    expect(valueOf(await request(chairAgain, 'chair:undo-focus', {})).focus).toEqual({
      stepId: 'worries',
      column: 'worries',
    });
    expect(
      valueOf(await request(chairAgain, 'chair:lock', { column: 'workingWell', locked: false }))
        .lockedColumns,
    ).toEqual([]);
    phone = await stock(phoneCookie);
    editCardText(phone.doc, strength, 'Nan walks them to school every day');
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('Nan walks them to school every day'),
    );
  });
});
