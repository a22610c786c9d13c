import { type Result } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';

describe('[MEET5] a young person chairs their looked-after review: the server gives the child role the safe controls there only', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;
  const sockets: RealtimeClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer();
    ({ browser: chair } = await signInStaff(server, '10.9.0.1'));
    familyId = await createFamily(chair, 'Achebe');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  /** A meeting of the type, and a child let in to it, on their own socket. */
  const childIn = async (type: string, address: string) => {
    const { meetingId, code } = await createOpenMeeting(chair, familyId, { title: type, type });
    const tobi = await joinAsGuest(server, code, { address, name: 'Tobi', relationship: 'me' });
    expect((await admitGuest(chair, meetingId, tobi.participantId, 'child')).status).toBe(200);
    const socket = connectRealtime(server.url, 1, tobi.cookie);
    sockets.push(socket);
    expect(await request(socket, 'meeting:enter', { meetingId, screen: 'phone' })).toMatchObject({
      ok: true,
    });
    return (event: Parameters<typeof request>[1], payload: unknown) =>
      request(socket, event, payload) as unknown as Promise<Result<unknown>>;
  };

  it('in a looked-after review: moves, follows and times; never agrees, locks or starts a round', async () => {
    const ask = await childIn('looked-after-review', '10.9.0.2');
    expect(await ask('chair:focus', { focus: { stepId: 'scaling', column: null } })).toMatchObject({
      ok: true,
      value: { focus: { stepId: 'scaling' } },
    });
    expect(await ask('chair:follow', { follow: true })).toMatchObject({ ok: true });
    expect(await ask('chair:timer', { action: 'set', durationMs: 60_000 })).toMatchObject({ ok: true });
    for (const [event, payload] of [
      ['plan:agreement', { action: 'start', reason: 'no' }],
      ['chair:lock', { column: 'worries', locked: true }],
      ['scaling:reveal', { roundId: 'r1' }],
    ] as const)
      expect(await ask(event, payload), event).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('in any other meeting the child role has none of the chair’s controls', async () => {
    const ask = await childIn('family-network-meeting', '10.9.0.3');
    expect(await ask('chair:focus', { focus: { stepId: 'scaling', column: null } })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await ask('chair:follow', { follow: true })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
