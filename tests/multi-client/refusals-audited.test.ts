import { closeCodes, type EventRefused, type Result } from '@kinboard/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { openRawSocket } from '../helpers/raw-sync-client.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import { auditRows, type AuditRow } from './access-http.ts';
import { startSignedIn, type SignedInMeetings } from './signed-in-meeting.ts';

/** An update message (sync type 2) whose update is garbage: Yjs throws reading it. */
function unreadableUpdate(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, new Uint8Array([255, 255, 255, 255, 255, 1, 2, 3]));
  return encoding.toUint8Array(encoder);
}

const detailOf = (row: AuditRow) => JSON.parse(row.detail) as Record<string, unknown>;
const rowsOf = (world: SignedInMeetings, action: string, kind?: string) =>
  auditRows(world.server).filter((row) => row.action === action && (!kind || detailOf(row)['kind'] === kind));
const counted = (rows: AuditRow[]) => rows.reduce((sum, row) => sum + Number(detailOf(row)['count']), 0);

const emitRaw = (socket: RealtimeClient, event: string, ...args: unknown[]) =>
  (socket.emit as (event: string, ...args: unknown[]) => void)(event, ...args);
const ask = (socket: RealtimeClient, event: string, payload: unknown) =>
  new Promise<Result<unknown>>((resolve) => emitRaw(socket, event, payload, resolve));

describe('refusals get an answer, go on the record coalesced, and repeated ones close the connection', () => {
  let world: SignedInMeetings;
  let meeting: { meetingId: string; code: string };
  beforeAll(async () => {
    world = await startSignedIn({ AUDIT_COALESCE_SECONDS: '2', LOG_LEVEL: 'info' });
    meeting = await world.openMeeting('Refusals');
  });
  afterAll(async () => {
    await world.server.dispose();
  });

  async function entered(cookie: string): Promise<RealtimeClient> {
    const socket = connectRealtime(world.server.url, 1, cookie);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(
      (await request(socket, 'meeting:enter', { meetingId: meeting.meetingId, screen: 'phone' })).ok,
    ).toBe(true);
    return socket;
  }

  it('[ACCESS31] unknown and server-only event names are answered with an error, through the ack or server:refused', async () => {
    const guest = await world.guest(meeting, 'family');
    const socket = await entered(guest.cookie);
    expect(await ask(socket, 'made:up', {})).toMatchObject({ ok: false, code: 'bad-request' });
    const refusals: EventRefused[] = [];
    socket.on('server:refused', (refusal) => refusals.push(refusal));
    emitRaw(socket, 'made:up', {});
    emitRaw(socket, 'meeting:state', { forged: true });
    await eventually(() =>
      expect(refusals).toEqual([
        { event: 'made:up', code: 'bad-request', message: expect.any(String) },
        { event: 'meeting:state', code: 'forbidden', message: expect.any(String) },
      ]),
    );
    // A forged event (a role sending what it is never given) is answered and audited too.
    expect(await ask(socket, 'chair:undo-focus', {})).toMatchObject({ ok: false, code: 'forbidden' });
    await eventually(() => {
      const rows = rowsOf(world, 'realtime.event-refused').filter(
        (row) => row.actor_id === guest.participantId,
      );
      expect(rows.map((row) => detailOf(row)['kind']).sort()).toEqual([
        'forbidden',
        'server-only-event',
        'unknown-event',
      ]);
      expect(rows.every((row) => row.family_id === world.familyId)).toBe(true);
    });
    socket.disconnect();
  });

  it('[ACCESS30] every event has a budget a person never meets; past it the answer is too-many, audited once a minute with a count', async () => {
    const guest = await world.guest(meeting, 'family');
    const socket = await entered(guest.cookie);
    // A person asks for the plan a few times a second at most; a script asks a hundred at once.
    const answers = await Promise.all(Array.from({ length: 100 }, () => ask(socket, 'plan:status', {})));
    const tooMany = answers.filter((answer) => !answer.ok && answer.code === 'too-many').length;
    expect(tooMany).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.ok).length).toBeGreaterThanOrEqual(80);
    const mine = () =>
      rowsOf(world, 'realtime.event-refused', 'too-many').filter(
        (row) => row.actor_id === guest.participantId,
      );
    await eventually(() => expect(mine()).toHaveLength(1));
    // The repeats within the window come as one more entry with their count.
    await eventually(() => expect(counted(mine())).toBe(tooMany), 8_000);
    expect(mine()).toHaveLength(2);
    socket.disconnect();
  });

  it('[ACCESS30] a connection refused again and again is closed; a reconnecting guest’s entries are coalesced', async () => {
    const guest = await world.guest(meeting, 'family');
    const socket = await entered(guest.cookie);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 40; i++) emitRaw(socket, 'made:up', {});
    expect(await closed).toBe('io server disconnect');

    // Thirty reconnects within the window: one entry at once, one more with the rest counted.
    for (let i = 0; i < 30; i++) (await entered(guest.cookie)).disconnect();
    const opened = () =>
      auditRows(world.server).filter(
        (row) => row.action === 'connection.opened' && row.actor_id === guest.participantId,
      );
    await eventually(() => expect(counted(opened())).toBe(31), 8_000);
    expect(opened().length).toBeLessThanOrEqual(3);
  });

  it('[SYNC25] every kind of sync refusal is audited, coalesced across reconnects; the log names the connection, never a stack', async () => {
    const guest = await world.guest(meeting, 'family');
    const url = `${world.server.wsUrl}/yjs/${meeting.meetingId}.map`;
    for (let i = 0; i < 25; i++) {
      const raw = openRawSocket(url, { cookie: guest.cookie });
      await raw.opened;
      raw.send(unreadableUpdate());
      expect((await raw.closed).code).toBe(closeCodes.badMessage);
    }
    const flooder = openRawSocket(url, { cookie: guest.cookie });
    await flooder.opened;
    await eventually(() => expect(flooder.received.length).toBeGreaterThan(0));
    // Presence asked for 600 times at once: past the 400 burst of SYNC16.
    for (let i = 0; i < 600; i++) flooder.send(new Uint8Array([3]));
    expect((await flooder.closed).code).toBe(closeCodes.tooMany);
    const text = openRawSocket(url, { cookie: guest.cookie });
    await text.opened;
    text.send('not binary');
    expect((await text.closed).code).toBe(closeCodes.badMessage);

    const mine = (kind: string) =>
      rowsOf(world, 'sync.refused', kind).filter((row) => row.actor_id === guest.participantId);
    await eventually(() => expect(counted(mine('badMessage'))).toBe(26), 8_000);
    expect(mine('badMessage').length).toBeLessThanOrEqual(4);
    expect(counted(mine('tooMany'))).toBe(1);
    const entry = detailOf(mine('tooMany')[0]!);
    expect(entry).toMatchObject({
      channel: 'sync',
      document: 'map',
      role: 'family',
      reason: 'too many messages',
    });
    expect(mine('tooMany')[0]!.family_id).toBe(world.familyId);

    // A write rule refused (an observer writing) is `board.write-refused`, coalesced the same way.
    const observer = await world.guest(meeting, 'observer');
    for (let i = 0; i < 3; i++) {
      const client = connectStockClient(world.server.wsUrl, `${meeting.meetingId}.map`, {
        cookie: observer.cookie,
      });
      await client.synced;
      const code = new Promise<number>((resolve) =>
        client.provider.on('connection-close', (event) => event && resolve(event.code)),
      );
      client.doc.getMap('cards').set(`x${i}`, 'no');
      expect(await code).toBe(closeCodes.refusedEdit);
      client.destroy();
    }
    const written = () =>
      rowsOf(world, 'board.write-refused').filter((row) => row.actor_id === observer.participantId);
    await eventually(() => expect(counted(written())).toBe(3), 8_000);
    expect(written().length).toBeLessThanOrEqual(2);

    // Log lines name the document and connection; bad input never writes a stack trace.
    const output = world.server.output();
    expect(output).toMatch(
      /"meeting":"[^"]+","document":"[^"]+\.map","connection":"s[0-9a-z]+".*a message could not be applied/,
    );
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('[ACCESS32] the family’s audit is read in pages: a cursor, a limit, and a largest page', async () => {
    const path = `/api/families/${world.familyId}/audit`;
    const all: { id: number }[] = [];
    let after = 0;
    for (;;) {
      const page = await world.chair.get(`${path}?after=${after}&limit=7`);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(7);
      all.push(...page.body.entries);
      if (page.body.next === null) break;
      after = page.body.next;
    }
    const ids = all.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const rows = auditRows(world.server).filter((row) => row.family_id === world.familyId);
    expect(ids.length).toBe(rows.length);
    expect((await world.chair.get(path)).body.entries.length).toBe(Math.min(100, rows.length));
    for (const bad of ['limit=501', 'limit=0', 'after=-1', 'page=2'])
      expect((await world.chair.get(`${path}?${bad}`)).status).toBe(400);
    const service = await world.chair.get('/api/audit?limit=1');
    expect(service.body.entries).toHaveLength(1);
    const older = await world.chair.get(`/api/audit?limit=1&before=${service.body.next}`);
    expect(older.body.entries[0].id).toBeLessThan(service.body.entries[0].id);
  });
});
