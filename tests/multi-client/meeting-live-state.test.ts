import type { MeetingLiveState } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('[LIVE] the chair drives every screen of a meeting', () => {
  let server: TestServer;
  const sockets: RealtimeClient[] = [];
  const connect = () => {
    const socket = connectRealtime(server.url);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  it('[LIVE1] a phone and the projector follow the chair to a column, and the chair can undo the move', async () => {
    const chair = connect();
    const phone = connect();
    const projector = connect();
    const seenByPhone: MeetingLiveState[] = [];
    const seenByProjector: MeetingLiveState[] = [];
    phone.on('meeting:state', (state) => seenByPhone.push(state));
    projector.on('meeting:state', (state) => seenByProjector.push(state));

    expect(
      await request(chair, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'chair' }),
    ).toMatchObject({ ok: true });
    expect(
      await request(phone, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'phone' }),
    ).toMatchObject({ ok: true });
    expect(
      await request(projector, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'projector' }),
    ).toMatchObject({ ok: true });

    const moved = await request(chair, 'chair:focus', {
      focus: { stepId: 'working-well', column: 'workingWell' },
    });
    expect(moved).toMatchObject({ ok: true, value: { focus: { column: 'workingWell' } } });
    await eventually(() => expect(seenByPhone.at(-1)?.focus.column).toBe('workingWell'));
    await eventually(() => expect(seenByProjector.at(-1)?.focus.column).toBe('workingWell'));

    await request(chair, 'chair:focus', { focus: { stepId: 'scaling', column: 'needsToHappen' } });
    const undone = await request(chair, 'chair:undo-focus', {});
    expect(undone).toMatchObject({ ok: true, value: { focus: { column: 'workingWell' } } });
    await eventually(() => expect(seenByPhone.at(-1)?.focus.column).toBe('workingWell'));
  });

  it('[LIVE2] a late screen gets the current state when it enters', async () => {
    const chair = connect();
    await request(chair, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'chair' });
    await request(chair, 'chair:lock', { column: 'worries', locked: true });
    await request(chair, 'chair:follow', { follow: false });
    const late = connect();
    const entered = await request(late, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'phone' });
    expect(entered).toMatchObject({ ok: true, value: { follow: false, lockedColumns: ['worries'] } });
  });

  it('[LIVE3] a phone cannot drive the meeting, and nothing changes for anyone', async () => {
    const chair = connect();
    const phone = connect();
    await request(chair, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'chair' });
    await request(phone, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'phone' });
    const before = await request(chair, 'chair:follow', { follow: true });
    const refused = await request(phone, 'chair:focus', { focus: { stepId: null, column: 'worries' } });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const after = await request(chair, 'chair:follow', { follow: true });
    expect(after.ok && before.ok && after.value.focus).toEqual(before.ok && before.value.focus);
  });

  it('[LIVE4] malformed requests get a clear refusal, not a crash', async () => {
    const socket = connect();
    expect(await request(socket, 'chair:focus', { focus: { column: 'worries' } })).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(
      await request(socket, 'meeting:enter', { meetingId: 'no-such-meeting', screen: 'phone' }),
    ).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await request(socket, 'meeting:enter', 'x'.repeat(10_000))).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(await request(socket, 'chair:timer', { action: 'start' })).toMatchObject({
      ok: false,
      code: 'not-admitted',
    });
    const healthy = await fetch(`${server.url}/healthz`);
    expect(healthy.status).toBe(200);
  });

  it('[LIVE5] the timer runs on the server clock and pauses where it was', async () => {
    const chair = connect();
    await request(chair, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'chair' });
    await request(chair, 'chair:timer', { action: 'set', durationMs: 60_000 });
    const started = await request(chair, 'chair:timer', { action: 'start' });
    expect(started.ok && started.value.timer.startedAt).toBeTypeOf('number');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const paused = await request(chair, 'chair:timer', { action: 'pause' });
    expect(paused.ok && paused.value.timer.startedAt).toBe(null);
    expect(paused.ok && paused.value.timer.remainingMs).toBeLessThan(60_000);
    expect(paused.ok && paused.value.timer.remainingMs).toBeGreaterThan(50_000);
  });
});
