import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  addCard,
  cardsOf,
  closeCodes,
  editCardText,
  readCards,
  statementPairsRoot,
  type LobbyChanged,
} from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc, storedRows } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, auditRows, Browser } from './access-http.ts';

const texts = (doc: Y.Doc) => readCards(doc).map((card) => card.text);
const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** A bare WebSocket with a browser's cookies: how it closed, and every frame it got before. */
async function rawConnect(url: string, cookie?: string): Promise<{ code: number; frames: number }> {
  const ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
  let frames = 0;
  ws.on('message', () => frames++);
  ws.on('error', () => {});
  const code = await new Promise<number>((resolve) => ws.once('close', (closeCode) => resolve(closeCode)));
  return { code, frames };
}

describe('the server lets in only who the chair let in, and judges every write', () => {
  let server: TestServer;
  let chair: Browser;
  let chairId: string;
  let familyId: string;
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
    chair = new Browser(server, '10.1.0.1');
    const signedIn = await chair.post('/api/session', {
      email: 'chair@example.org',
      password: adminPassword,
    });
    chairId = signedIn.body.staff.id;
    familyId = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  let phones = 0;
  async function openMeeting(title: string): Promise<{ meetingId: string; code: string }> {
    const made = await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title,
    });
    const meetingId: string = made.body.meeting.id;
    const opened = await chair.post(`/api/meetings/${meetingId}/open`);
    return { meetingId, code: opened.body.joinCode };
  }

  /** A phone that joined with the code; admitted with `role` unless it is left waiting. */
  async function guest(meeting: { meetingId: string; code: string }, role?: string) {
    const phone = new Browser(server, `10.2.0.${++phones}`);
    const joined = await phone.post('/api/join', {
      code: meeting.code,
      name: `Guest ${phones}`,
      relationship: 'aunt',
    });
    const participantId: string = joined.body.participantId;
    if (role)
      expect(
        (await chair.post(`/api/meetings/${meeting.meetingId}/participants/${participantId}/admit`, { role }))
          .status,
      ).toBe(200);
    return { phone, participantId, cookie: cookieOf(phone), key: `guest:${participantId}` };
  }

  async function stock(name: string, cookie?: string, params?: Record<string, string>) {
    const client = connectStockClient(server.wsUrl, name, { cookie, params });
    clients.push(client);
    return client;
  }

  /** How the server closed a stock client (they stop for good on 4400-4499). */
  const closeCode = (client: StockClient) =>
    new Promise<number>((resolve) =>
      client.provider.on('connection-close', (event) => event && resolve(event.code)),
    );

  async function socket(cookie?: string): Promise<RealtimeClient> {
    const client = connectRealtime(server.url, 1, cookie);
    sockets.push(client);
    return client;
  }

  it('[ACCESS13] a stock client with no credentials, a pass for another meeting, or still waiting gets no content and 4401', async () => {
    const meeting = await openMeeting('Refusals');
    const other = await openMeeting('Another meeting');
    const elsewhere = await guest(other, 'family');
    const waiting = await guest(meeting);
    const turnedAway = await guest(meeting);
    await chair.post(`/api/meetings/${meeting.meetingId}/participants/${turnedAway.participantId}/refuse`);
    const url = `${server.wsUrl}/yjs/${meeting.meetingId}.map`;

    for (const cookie of [undefined, elsewhere.cookie, waiting.cookie, 'kinboard_session=forged'])
      expect(await rawConnect(url, cookie)).toEqual({ code: closeCodes.notAdmitted, frames: 0 });
    expect(await rawConnect(url, turnedAway.cookie)).toEqual({ code: closeCodes.forbidden, frames: 0 });
    // Unknown meetings answer the same as known ones to someone with no credentials.
    expect(await rawConnect(`${server.wsUrl}/yjs/no-such-meeting.map`)).toEqual({
      code: closeCodes.notAdmitted,
      frames: 0,
    });

    const anonymous = await stock(`${meeting.meetingId}.map`);
    expect(await closeCode(anonymous)).toBe(closeCodes.notAdmitted);
    expect(anonymous.provider.synced).toBe(false);
    expect(anonymous.doc.share.size).toBe(0);
    const foreign = await stock(`${meeting.meetingId}.frame`, elsewhere.cookie);
    expect(await closeCode(foreign)).toBe(closeCodes.notAdmitted);
    expect(foreign.provider.synced).toBe(false);
  });

  it('[ACCESS14] an observer’s update and a projector screen’s update are refused with 4423; the store and other screens are unchanged', async () => {
    const meeting = await openMeeting('Read only');
    const name = `${meeting.meetingId}.map`;
    const chairBoard = await stock(name, cookieOf(chair));
    await chairBoard.synced;
    addCard(chairBoard.doc, {
      domain: 'pastHarm',
      text: 'Written by the chair',
      author: 'Chair',
      authorId: `staff:${chairId}`,
      perspective: 'professional',
    });
    await eventually(() => expect(texts(storedDoc(server.dataDir, name))).toContain('Written by the chair'));

    const observer = await guest(meeting, 'observer');
    const readers = [
      await stock(name, observer.cookie),
      await stock(name, cookieOf(chair), { screen: 'projector' }),
    ];
    for (const reader of readers) {
      await reader.synced;
      // Reading is fine: they see the board.
      await eventually(() => expect(texts(reader.doc)).toContain('Written by the chair'));
      const rowsBefore = storedRows(server.dataDir, name).length;
      const closed = closeCode(reader);
      addCard(reader.doc, { domain: 'goals', text: 'Not allowed', author: 'Reader', perspective: 'network' });
      expect(await closed).toBe(closeCodes.refusedEdit);
      const witness = await stock(name, cookieOf(chair));
      await witness.synced;
      expect(texts(witness.doc)).toEqual(['Written by the chair']);
      expect(texts(chairBoard.doc)).toEqual(['Written by the chair']);
      expect(storedRows(server.dataDir, name).length).toBe(rowsBefore);
      expect(texts(storedDoc(server.dataDir, name))).toEqual(['Written by the chair']);
    }
  });

  it('[ACCESS14] a family member’s edit of a danger statement (the frame) is refused; staff write it', async () => {
    const meeting = await openMeeting('Frame');
    const name = `${meeting.meetingId}.frame`;
    const family = await guest(meeting, 'family');
    const phone = await stock(name, family.cookie);
    await phone.synced;
    const rowsBefore = storedRows(server.dataDir, name).length;
    const closed = closeCode(phone);
    phone.doc.getMap(statementPairsRoot).set('danger-family', new Y.Map());
    expect(await closed).toBe(closeCodes.forbidden);
    expect(storedRows(server.dataDir, name).length).toBe(rowsBefore);
    expect(storedDoc(server.dataDir, name).getMap(statementPairsRoot).has('danger-family')).toBe(false);

    const chairFrame = await stock(name, cookieOf(chair));
    await chairFrame.synced;
    chairFrame.doc.getMap(statementPairsRoot).set('danger-chair', new Y.Map());
    await eventually(() =>
      expect(storedDoc(server.dataDir, name).getMap(statementPairsRoot).has('danger-chair')).toBe(true),
    );
  });

  it('[ACCESS15] [SYNC13] a family member adds and edits their own card, stamped with who they are, but not another person’s', async () => {
    const meeting = await openMeeting('Own cards');
    const name = `${meeting.meetingId}.map`;
    const chairBoard = await stock(name, cookieOf(chair));
    await chairBoard.synced;
    const chairCard = addCard(chairBoard.doc, {
      domain: 'pastHarm',
      text: 'The chair’s card',
      author: 'Chair',
      authorId: `staff:${chairId}`,
      perspective: 'professional',
    });
    const family = await guest(meeting, 'family');
    const phone = await stock(name, family.cookie);
    await phone.synced;
    const own = addCard(phone.doc, {
      domain: 'existingStrengths',
      text: 'Nan walks them to school',
      author: 'Nan',
      authorId: family.key,
      perspective: 'family',
    });
    editCardText(phone.doc, own, 'Nan walks them to school every day');
    await eventually(() => expect(texts(chairBoard.doc)).toContain('Nan walks them to school every day'));
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('Nan walks them to school every day'),
    );
    expect(cardsOf(storedDoc(server.dataDir, name)).get(own)?.get('authorId')).toBe(family.key);
    const origins = storedOrigins(server, name);
    expect(origins).toContain(family.key);
    expect(origins).toContain(`staff:${chairId}`);

    await eventually(() => expect(texts(phone.doc)).toContain('The chair’s card'));
    const closed = closeCode(phone);
    editCardText(phone.doc, chairCard, 'Rewritten by the phone');
    expect(await closed).toBe(closeCodes.refusedEdit);
    const witness = await stock(name, cookieOf(chair));
    await witness.synced;
    expect(texts(witness.doc)).toContain('The chair’s card');
    expect(texts(storedDoc(server.dataDir, name))).not.toContain('Rewritten by the phone');
    // Staff edit everything.
    editCardText(chairBoard.doc, own, 'Nan walks them to school, the chair noted');
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('Nan walks them to school, the chair noted'),
    );
  });

  it('[ACCESS17] socket.io: roles come from sign-in and admission; a projector screen and guests cannot drive the meeting', async () => {
    const meeting = await openMeeting('Realtime');
    const nobody = await socket();
    await new Promise<void>((resolve) =>
      nobody.once('connect_error', (error) => {
        expect(error.message).toBe('not-admitted');
        resolve();
      }),
    );

    const family = await guest(meeting, 'family');
    const phone = await socket(family.cookie);
    expect(
      await request(phone, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'chair' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await request(phone, 'chair:follow', { follow: false })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    const staffChair = await socket(cookieOf(chair));
    expect(
      await request(staffChair, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'chair' }),
    ).toMatchObject({ ok: true });
    expect(await request(staffChair, 'chair:follow', { follow: false })).toMatchObject({ ok: true });

    const projector = await socket(cookieOf(chair));
    await request(projector, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'projector' });
    expect(await request(projector, 'chair:follow', { follow: true })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    // A guest still waiting, or turned away, gets no socket at all [ACCESS24].
    const waiting = await guest(meeting);
    const refusedAtHandshake = async (cookie: string) => {
      const refused = await socket(cookie);
      const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
      expect(error.message).toBe('not-admitted');
    };
    await refusedAtHandshake(waiting.cookie);
    await chair.post(`/api/meetings/${meeting.meetingId}/participants/${waiting.participantId}/refuse`);
    await refusedAtHandshake(waiting.cookie);
    // A pass for this meeting does not open another.
    const other = await openMeeting('Not theirs');
    expect(
      await request(phone, 'meeting:enter', { meetingId: other.meetingId, screen: 'phone' }),
    ).toMatchObject({
      ok: false,
      code: 'not-admitted',
    });
  });

  it('[ACCESS17] the chair’s lobby updates live; a role change reaches the guest’s screens and their board rights', async () => {
    const meeting = await openMeeting('Lobby');
    const staffChair = await socket(cookieOf(chair));
    const lobby: LobbyChanged[] = [];
    staffChair.on('lobby:changed', (change) => lobby.push(change));
    await request(staffChair, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'chair' });
    const projector = await socket(cookieOf(chair));
    const heardByProjector: LobbyChanged[] = [];
    projector.on('lobby:changed', (change) => heardByProjector.push(change));
    await request(projector, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'projector' });

    const family = await guest(meeting);
    await eventually(() =>
      expect(lobby.at(-1)?.participant).toMatchObject({
        id: family.participantId,
        status: 'waiting',
        role: null,
      }),
    );
    await chair.post(`/api/meetings/${meeting.meetingId}/participants/${family.participantId}/admit`, {
      role: 'family',
    });
    await eventually(() =>
      expect(lobby.at(-1)?.participant).toMatchObject({ status: 'admitted', role: 'family' }),
    );
    expect(JSON.stringify(lobby)).not.toMatch(/pass/i);
    expect(heardByProjector).toEqual([]);

    const phone = await socket(family.cookie);
    const roles: string[] = [];
    phone.on('participant:role', ({ role }) => roles.push(role));
    await request(phone, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'phone' });
    const name = `${meeting.meetingId}.map`;
    const board = await stock(name, family.cookie);
    await board.synced;
    await chair.post(`/api/meetings/${meeting.meetingId}/participants/${family.participantId}/role`, {
      role: 'observer',
    });
    await eventually(() => expect(roles).toEqual(['observer']));
    const closed = closeCode(board);
    addCard(board.doc, {
      domain: 'goals',
      text: 'Now only watching',
      author: 'Guest',
      authorId: family.key,
      perspective: 'family',
    });
    expect(await closed).toBe(closeCodes.refusedEdit);
    expect(texts(storedDoc(server.dataDir, name))).not.toContain('Now only watching');
  });

  it('[ACCESS7] [ACCESS13] turning a guest away, and closing the meeting, end their connections at once', async () => {
    const meeting = await openMeeting('Closing');
    const name = `${meeting.meetingId}.map`;
    const turnedAway = await guest(meeting, 'family');
    const awayBoard = await stock(name, turnedAway.cookie);
    await awayBoard.synced;
    const awayClosed = closeCode(awayBoard);
    const awaySocket = await socket(turnedAway.cookie);
    await request(awaySocket, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'phone' });
    const awayGone = new Promise<void>((resolve) => awaySocket.once('disconnect', () => resolve()));
    await chair.post(`/api/meetings/${meeting.meetingId}/participants/${turnedAway.participantId}/refuse`);
    expect(await awayClosed).toBe(closeCodes.notAdmitted);
    await awayGone;

    const family = await guest(meeting, 'family');
    const boards = [
      await stock(name, family.cookie),
      await stock(`${meeting.meetingId}.frame`, family.cookie),
    ];
    await Promise.all(boards.map((board) => board.synced));
    const closings = boards.map(closeCode);
    const phone = await socket(family.cookie);
    await request(phone, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'phone' });
    const notices: string[] = [];
    phone.on('meeting:closed', ({ meetingId }) => notices.push(meetingId));
    const disconnected = new Promise<void>((resolve) => phone.once('disconnect', () => resolve()));

    expect((await chair.post(`/api/meetings/${meeting.meetingId}/close`)).status).toBe(200);
    expect(await Promise.all(closings)).toEqual([closeCodes.meetingClosed, closeCodes.meetingClosed]);
    await disconnected;
    expect(notices).toEqual([meeting.meetingId]);
    expect(await rawConnect(`${server.wsUrl}/yjs/${name}`, family.cookie)).toEqual({
      code: closeCodes.meetingClosed,
      frames: 0,
    });
    const latecomer = new Browser(server, '10.3.0.1');
    expect(
      (await latecomer.post('/api/join', { code: meeting.code, name: 'Late', relationship: 'friend' }))
        .status,
    ).toBe(404);
  });

  it('[ACCESS13] [ACCESS17] disabling a staff account ends its board and socket.io connections at once', async () => {
    const meeting = await openMeeting('Disabled');
    const made = await chair.post('/api/staff', {
      email: 'worker@example.org',
      name: 'Sam Worker',
      password: 'a worker password of some length',
      role: 'staff',
    });
    const workerId: string = made.body.staff.id;
    expect((await chair.post(`/api/families/${familyId}/access`, { staffId: workerId })).status).toBeLessThan(
      300,
    );
    const worker = new Browser(server, '10.4.0.1');
    await worker.post('/api/session', {
      email: 'worker@example.org',
      password: 'a worker password of some length',
    });
    const board = await stock(`${meeting.meetingId}.map`, cookieOf(worker));
    await board.synced;
    const closed = closeCode(board);
    const screen = await socket(cookieOf(worker));
    expect(
      await request(screen, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'chair' }),
    ).toMatchObject({ ok: true });
    const gone = new Promise<void>((resolve) => screen.once('disconnect', () => resolve()));
    expect((await chair.request('PATCH', `/api/staff/${workerId}`, { disabled: true })).status).toBe(200);
    // Every session of the account ended: sign in again [ACCESS22].
    expect(await closed).toBe(closeCodes.sessionEnded);
    await gone;
    expect(await rawConnect(`${server.wsUrl}/yjs/${meeting.meetingId}.map`, cookieOf(worker))).toEqual({
      code: closeCodes.notAdmitted,
      frames: 0,
    });
  });

  it('[ACCESS16] every connection is on the record with who, which meeting and which channel; refused writes too', async () => {
    const meeting = await openMeeting('Record');
    const family = await guest(meeting, 'observer');
    const board = await stock(`${meeting.meetingId}.map`, family.cookie);
    await board.synced;
    const closed = closeCode(board);
    addCard(board.doc, {
      domain: 'goals',
      text: 'x',
      author: 'x',
      authorId: family.key,
      perspective: 'family',
    });
    await closed;
    const phone = await socket(family.cookie);
    await request(phone, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'phone' });
    await eventually(() => {
      const rows = auditRows(server).filter((row) => row.meeting_id === meeting.meetingId);
      const of = (action: string) =>
        rows
          .filter((row) => row.action === action)
          .map((row) => ({ ...row, detail: JSON.parse(row.detail) }));
      expect(of('connection.opened')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor_kind: 'participant',
            actor_id: family.participantId,
            family_id: familyId,
            detail: { channel: 'sync', document: 'map', role: 'observer' },
          }),
          expect.objectContaining({
            actor_id: family.participantId,
            detail: { channel: 'realtime', role: 'observer' },
          }),
        ]),
      );
      expect(of('board.write-refused')).toEqual([
        expect.objectContaining({
          actor_id: family.participantId,
          detail: expect.objectContaining({ channel: 'sync', reason: 'readOnly' }),
        }),
      ]);
    });
    // Staff can read it: it is in the family's audit.
    const audit = await chair.get(`/api/families/${familyId}/audit`);
    expect(JSON.stringify(audit.body)).toMatch(/connection\.opened/);
  });
});

/** Who each stored update of a document was stamped with [SYNC13]. */
function storedOrigins(server: TestServer, documentName: string): (string | null)[] {
  const db = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'), { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT origin FROM document_update WHERE document_name = ? ORDER BY id')
      .all(documentName) as { origin: string | null }[];
    return rows.map((row) => row.origin);
  } finally {
    db.close();
  }
}
