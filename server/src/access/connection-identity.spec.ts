import type { IncomingHttpHeaders } from 'node:http';
import { closeCodes } from '@kinboard/shared/protocol/close-codes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { Meeting } from '../store/store.ts';
import { issueGuestPass } from './guest-passes.ts';
import { resolveConnectionIdentity } from './connection-identity.ts';
import { StaffSessions } from './staff-sessions.ts';

const now = 1_770_000_000_000;
const hour = 3_600_000;

/** The Cookie header a browser would send back for a Set-Cookie header. */
const cookieFrom = (setCookie: string): IncomingHttpHeaders => ({ cookie: setCookie.split(';')[0]! });

describe('resolveConnectionIdentity', () => {
  let store: Store;
  let sessions: StaffSessions;
  let clock = now;
  const resolve = (headers: IncomingHttpHeaders, meetingId: string) =>
    resolveConnectionIdentity({ store, sessions, now: () => clock }, headers, meetingId);

  beforeEach(async () => {
    clock = now;
    store = await openSqliteStore(':memory:');
    sessions = new StaffSessions(store, { idleMs: 8 * hour, maxMs: 12 * hour });
    for (const id of ['worker', 'stranger'])
      await store.createStaff({
        id,
        email: `${id}@example.org`,
        name: id,
        role: 'staff',
        passwordHash: 'x',
        createdAt: now,
        disabled: false,
      });
    await store.createFamily(
      { family: { id: 'fam', name: 'Hollis', createdAt: now }, children: [], network: [] },
      'worker',
    );
    for (const id of ['meeting-a', 'meeting-b'])
      await store.createMeeting({
        family: { id: 'fam', name: 'Hollis', createdAt: now },
        meeting: meeting(id),
        documents: [],
      });
  });
  afterEach(() => store.close());

  async function guest(meetingId: string, status?: 'admitted' | 'refused') {
    const pass = issueGuestPass(false);
    await store.addParticipant({
      id: pass.participantId,
      meetingId,
      name: 'Nan',
      relationship: 'grandmother',
      status: 'waiting',
      passHash: pass.passHash,
      createdAt: now,
    });
    if (status === 'admitted') await store.admitParticipant(pass.participantId, 'family', 'worker', now);
    if (status === 'refused') await store.refuseParticipant(pass.participantId, 'worker', now);
    return { id: pass.participantId, headers: cookieFrom(pass.setCookie) };
  }

  it('[ACCESS9] refuses a connection with no credentials, or forged ones, with 4401 before any lookup', async () => {
    for (const headers of [{}, { cookie: 'kinboard_session=forged' }, { cookie: 'kinboard_guest=p.forged' }])
      expect(await resolve(headers, 'meeting-a')).toMatchObject({
        kind: 'refused',
        closeCode: closeCodes.notAdmitted,
      });
    // The same answer for a meeting that does not exist: ids cannot be probed.
    expect(await resolve({}, 'no-such-meeting')).toMatchObject({ closeCode: closeCodes.notAdmitted });
  });

  it('[ACCESS9] lets in staff with access to the family, and refuses staff without it with 4403', async () => {
    const worker = cookieFrom(await sessions.start('worker', now, false));
    const stranger = cookieFrom(await sessions.start('stranger', now, false));
    expect(await resolve(worker, 'meeting-a')).toEqual({
      kind: 'staff',
      staffId: 'worker',
      role: 'staff',
      sessionEndsAt: expect.any(Number),
    });
    expect(await resolve(stranger, 'meeting-a')).toMatchObject({ closeCode: closeCodes.forbidden });
    expect(await resolve(worker, 'no-such-meeting')).toMatchObject({ closeCode: closeCodes.unknownDocument });
  });

  it('[ACCESS4] ends a staff session after its idle time, and when the account is disabled', async () => {
    const worker = cookieFrom(await sessions.start('worker', now, false));
    clock = now + 7 * hour;
    expect(await resolve(worker, 'meeting-a')).toMatchObject({ kind: 'staff' });
    clock = now + 11 * hour; // used 4 hours ago: still alive (sliding)...
    expect(await resolve(worker, 'meeting-a')).toMatchObject({ kind: 'staff' });
    clock = now + 12 * hour; // ...but never past the absolute limit.
    expect(await resolve(worker, 'meeting-a')).toMatchObject({ closeCode: closeCodes.notAdmitted });
    clock = now;
    const again = cookieFrom(await sessions.start('worker', now, false));
    await store.setStaffDisabled('worker', true);
    expect(await resolve(again, 'meeting-a')).toMatchObject({ closeCode: closeCodes.notAdmitted });
  });

  it('[ACCESS9] lets in an admitted guest of this meeting only, with their role', async () => {
    const admitted = await guest('meeting-a', 'admitted');
    expect(await resolve(admitted.headers, 'meeting-a')).toEqual({
      kind: 'guest',
      participantId: admitted.id,
      role: 'family',
    });
    expect(await resolve(admitted.headers, 'meeting-b')).toMatchObject({ closeCode: closeCodes.notAdmitted });
  });

  it('[ACCESS9] refuses a waiting guest (4401), a refused one (4403), and everyone once the meeting closes (4410)', async () => {
    const waiting = await guest('meeting-a');
    const refused = await guest('meeting-a', 'refused');
    const admitted = await guest('meeting-a', 'admitted');
    expect(await resolve(waiting.headers, 'meeting-a')).toMatchObject({ closeCode: closeCodes.notAdmitted });
    expect(await resolve(refused.headers, 'meeting-a')).toMatchObject({ closeCode: closeCodes.forbidden });
    await store.closeMeeting('meeting-a');
    expect(await resolve(admitted.headers, 'meeting-a')).toMatchObject({
      closeCode: closeCodes.meetingClosed,
    });
  });

  it('[ACCESS9] a pass with the right participant but the wrong secret is refused', async () => {
    const admitted = await guest('meeting-a', 'admitted');
    const forged = { cookie: `kinboard_guest=${admitted.id}.${'A'.repeat(43)}` };
    expect(await resolve(forged, 'meeting-a')).toMatchObject({ closeCode: closeCodes.notAdmitted });
  });
});

function meeting(id: string): Meeting {
  return {
    id,
    familyId: 'fam',
    type: 'family-network-meeting',
    title: id,
    date: '2026-02-01',
    state: 'open',
    createdAt: now,
  };
}
