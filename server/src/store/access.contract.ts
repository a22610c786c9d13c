import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Participant, Staff, Store } from './store.ts';

/** The access rules of store.ts (STORE7..STORE12 in server/SPEC.md), for any implementation. */
export function runAccessStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, access: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory);

    it('[STORE7] the first administrator is created once, only with a live setup token', async () => {
      expect(await store.countStaff()).toBe(0);
      await store.replaceSetupToken('old-token', 1, 10_000);
      await store.replaceSetupToken('token-hash', 1, 10_000);
      expect(
        await store.createFirstAdministrator(staff('a1', 'admin'), { tokenHash: 'old-token', now: 5 }),
      ).toBe(false);
      expect(
        await store.createFirstAdministrator(staff('a1', 'admin'), { tokenHash: 'token-hash', now: 20_000 }),
      ).toBe(false);
      expect(await store.countStaff()).toBe(0);
      expect(
        await store.createFirstAdministrator(staff('a1', 'admin'), { tokenHash: 'token-hash', now: 5 }),
      ).toBe(true);
      // Used up, and once there is staff nobody becomes "first" again, token or not.
      expect(
        await store.createFirstAdministrator(staff('a2', 'admin'), { tokenHash: 'token-hash', now: 5 }),
      ).toBe(false);
      expect(await store.createFirstAdministrator(staff('a3', 'admin'))).toBe(false);
      expect(await (await reopen()).countStaff()).toBe(1);
      expect(await store.getStaff('a1')).toEqual(staff('a1', 'admin'));
    });

    it('[STORE7] the first administrator is given the families seeded before any staff existed', async () => {
      await store.createMeeting({
        family: { id: 'seeded', name: 'Seeded family', createdAt: 1 },
        meeting: {
          id: 'seeded-meeting',
          familyId: 'seeded',
          type: 'family-network-meeting',
          title: 'Seeded',
          date: '2026-11-24',
          state: 'open',
          createdAt: 1,
        },
        documents: [],
      });
      expect(await store.createFirstAdministrator(staff('a1', 'admin'))).toBe(true);
      expect(await store.hasFamilyAccess('a1', 'seeded')).toBe(true);
      expect(await store.createStaff(staff('s1'))).toBe(true);
      expect(await store.hasFamilyAccess('s1', 'seeded')).toBe(false);
    });

    it('[STORE7] an email belongs to one account; disabling ends its sessions', async () => {
      expect(await store.createStaff(staff('s1'))).toBe(true);
      expect(await store.createStaff({ ...staff('s2'), email: staff('s1').email })).toBe(false);
      expect(await store.findStaffByEmail('s1@example.org')).toEqual(staff('s1'));
      expect(await store.findStaffByEmail('nobody@example.org')).toBeUndefined();
      await store.createStaff(staff('s2'));
      expect((await store.listStaff()).map((each) => each.id)).toEqual(['s1', 's2']);

      await store.createStaffSession(session('sess-1', 's1'));
      expect(await store.getStaffSession('sess-1')).toEqual({
        session: session('sess-1', 's1'),
        staff: staff('s1'),
      });
      expect(await store.setStaffDisabled('s1', true)).toEqual({ ...staff('s1'), disabled: true });
      expect(await store.getStaffSession('sess-1')).toBeUndefined();
      expect(await store.setStaffDisabled('s1', false)).toEqual(staff('s1'));
      expect(await store.setStaffDisabled('nobody', true)).toBeUndefined();
    });

    it('[STORE7] a lowered role and a new password end sessions in the same change [ACCESS25]', async () => {
      await store.createStaff(staff('s1', 'admin'));
      await store.createStaffSession(session('sess-1', 's1'));
      await store.createStaffSession(session('sess-2', 's1'));
      expect(await store.setStaffRole('s1', 'admin', false)).toEqual(staff('s1', 'admin'));
      expect(await store.getStaffSession('sess-1')).toBeDefined();
      expect(await store.setStaffRole('s1', 'staff', true)).toEqual(staff('s1'));
      expect(await store.getStaffSession('sess-1')).toBeUndefined();
      expect(await store.getStaffSession('sess-2')).toBeUndefined();
      expect(await store.setStaffRole('nobody', 'staff', true)).toBeUndefined();

      await store.createStaffSession(session('keep', 's1'));
      await store.createStaffSession(session('other', 's1'));
      await store.setStaffPassword('s1', '$argon2id$new', 'keep');
      const again = await reopen();
      expect((await again.getStaffSession('keep'))?.staff.passwordHash).toBe('$argon2id$new');
      expect(await again.getStaffSession('other')).toBeUndefined();
      await again.setStaffPassword('s1', '$argon2id$newer', undefined);
      expect(await again.getStaffSession('keep')).toBeUndefined();
    });

    it('[STORE8] sessions are found by id, slide, end, and expired ones are swept', async () => {
      await store.createStaff(staff('s1'));
      await store.createStaffSession(session('sess-1', 's1'));
      await store.touchStaffSession('sess-1', 2_000, 9_000);
      const again = await reopen();
      expect((await again.getStaffSession('sess-1'))?.session).toEqual({
        ...session('sess-1', 's1'),
        lastSeen: 2_000,
        expiresAt: 9_000,
      });
      await again.deleteStaffSession('sess-1');
      expect(await again.getStaffSession('sess-1')).toBeUndefined();
      await again.createStaffSession({ ...session('old', 's1'), expiresAt: 3_000 });
      await again.createStaffSession({ ...session('live', 's1'), expiresAt: 9_000 });
      await again.deleteExpiredStaffSessions(3_000);
      expect(await again.getStaffSession('old')).toBeUndefined();
      expect(await again.getStaffSession('live')).toBeDefined();
      expect(await again.getStaffSession('never')).toBeUndefined();
    });

    it('[STORE9] a family is seen only by staff given access; the creator has it', async () => {
      await store.createStaff(staff('s1'));
      await store.createStaff(staff('s2'));
      const details = {
        family: { id: 'fam-1', name: 'Hollis', createdAt: 1 },
        children: [
          { id: 'c1', familyId: 'fam-1', name: 'Jordan', bornOn: '2019-04-02' },
          { id: 'c2', familyId: 'fam-1', name: 'Ava' },
        ],
        network: [
          { id: 'n1', familyId: 'fam-1', name: 'Nan', relationship: 'grandmother', contact: '07700 900123' },
        ],
      };
      await store.createFamily(details, 's1');
      expect(await store.getFamilyDetails('fam-1')).toEqual(details);
      expect(await store.getFamilyDetails('nope')).toBeUndefined();
      expect(await store.hasFamilyAccess('s1', 'fam-1')).toBe(true);
      expect(await store.hasFamilyAccess('s2', 'fam-1')).toBe(false);
      expect(await store.listFamiliesOf('s2')).toEqual([]);
      await store.grantFamilyAccess('fam-1', 's2', 5);
      await store.grantFamilyAccess('fam-1', 's2', 6);
      expect(await store.hasFamilyAccess('s2', 'fam-1')).toBe(true);
      expect(await store.listFamiliesOf('s2')).toEqual([details.family]);
      expect(await store.revokeFamilyAccess('fam-1', 's2')).toBe(true);
      expect(await store.revokeFamilyAccess('fam-1', 's2')).toBe(false);
      expect(await store.hasFamilyAccess('s2', 'fam-1')).toBe(false);
      expect(await store.hasFamilyAccess('s1', 'fam-1')).toBe(true);
    });

    it('[STORE10] opening gives a meeting a code; closing kills it and ends every guest', async () => {
      await seedMeeting(store, 'm1', 'preparing');
      await seedMeeting(store, 'm2', 'preparing');
      expect(await store.findMeetingByJoinCode('K7M4QX')).toBeUndefined();
      const opened = await store.openMeeting('m1', 'K7M4QX');
      expect(opened).toMatchObject({ outcome: 'opened', meeting: { state: 'open', joinCode: 'K7M4QX' } });
      expect(await store.openMeeting('m2', 'K7M4QX')).toEqual({ outcome: 'code-taken' });
      // Opening again keeps the code the room was told.
      expect(await store.openMeeting('m1', 'ZZZZZZ')).toMatchObject({ meeting: { joinCode: 'K7M4QX' } });
      expect((await store.findMeetingByJoinCode('K7M4QX'))?.id).toBe('m1');
      expect((await store.listMeetingsOfFamily('fam-m1')).map((each) => each.id)).toEqual(['m1']);

      await store.addParticipant(participant('p1', 'm1'));
      await store.addParticipant(participant('p2', 'm1'));
      await store.admitParticipant('p2', 'family', 's1', 9);
      const closed = await store.closeMeeting('m1');
      expect(closed).toMatchObject({ state: 'closed' });
      expect(closed?.joinCode).toBeUndefined();
      expect(await store.findMeetingByJoinCode('K7M4QX')).toBeUndefined();
      expect((await store.listParticipants('m1')).map((each) => each.status)).toEqual(['left', 'left']);
      expect(await store.openMeeting('m1', 'ABCDEF')).toEqual({ outcome: 'closed' });
      expect(await store.openMeeting('nope', 'ABCDEF')).toEqual({ outcome: 'not-found' });
      expect(await store.closeMeeting('nope')).toBeUndefined();
      // The dead code is free for another meeting.
      expect(await store.openMeeting('m2', 'K7M4QX')).toMatchObject({ outcome: 'opened' });
    });

    it('[STORE11] the lobby: guests wait, are admitted or refused, and change role only once admitted', async () => {
      await seedMeeting(store, 'm1', 'open');
      await store.addParticipant(participant('p1', 'm1'));
      await store.addParticipant(participant('p2', 'm1', 2));
      expect(await store.getParticipant('p1')).toEqual(participant('p1', 'm1'));
      expect(await store.changeParticipantRole('p1', 'observer')).toBeUndefined();
      expect(await store.admitParticipant('p1', 'network', 's1', 50)).toEqual({
        ...participant('p1', 'm1'),
        status: 'admitted',
        role: 'network',
        admittedBy: 's1',
        admittedAt: 50,
      });
      expect((await store.changeParticipantRole('p1', 'observer'))?.role).toBe('observer');
      expect((await store.refuseParticipant('p2', 's1', 60))?.status).toBe('refused');
      expect(await store.admitParticipant('nobody', 'family', 's1', 1)).toBeUndefined();
      const again = await reopen();
      expect((await again.listParticipants('m1')).map((each) => [each.id, each.status, each.role])).toEqual([
        ['p1', 'admitted', 'observer'],
        ['p2', 'refused', undefined],
      ]);
    });

    it('[STORE12] the audit log is appended to and read by family (oldest first) or for the service (newest first)', async () => {
      await store.appendAudit({ at: 1, actorKind: 'system', action: 'setup.token-issued', detail: {} });
      await store.appendAudit({
        at: 2,
        actorKind: 'staff',
        actorId: 's1',
        action: 'meeting.opened',
        familyId: 'fam-1',
        meetingId: 'm1',
        detail: { joinCode: 'K7M4QX' },
      });
      await store.appendAudit({
        at: 3,
        actorKind: 'participant',
        actorId: 'p1',
        action: 'participant.joined',
        familyId: 'fam-1',
        detail: {},
      });
      const again = await reopen();
      const entries = await again.listAuditOfFamily('fam-1');
      expect(entries.map((entry) => entry.action)).toEqual(['meeting.opened', 'participant.joined']);
      expect(entries[0]).toMatchObject({
        actorKind: 'staff',
        actorId: 's1',
        meetingId: 'm1',
        detail: { joinCode: 'K7M4QX' },
      });
      expect(await again.listAuditOfFamily('fam-2')).toEqual([]);
      expect((await again.listAuditOfService(10)).map((entry) => entry.action)).toEqual([
        'setup.token-issued',
      ]);
      await again.appendAudit({ at: 4, actorKind: 'system', action: 'later', detail: {} });
      expect((await again.listAuditOfService(1)).map((entry) => entry.action)).toEqual(['later']);
    });
  });
}

function staff(id: string, role: Staff['role'] = 'staff'): Staff {
  return {
    id,
    email: `${id}@example.org`,
    name: `Worker ${id}`,
    role,
    passwordHash: `$argon2id$fake-${id}`,
    createdAt: 1_760_000_000_000,
    disabled: false,
  };
}

function session(id: string, staffId: string) {
  return { id, staffId, createdAt: 1_000, expiresAt: 5_000, lastSeen: 1_000 };
}

function participant(id: string, meetingId: string, createdAt = 1): Participant {
  return {
    id,
    meetingId,
    name: `Guest ${id}`,
    relationship: 'Aunt',
    status: 'waiting',
    passHash: `hash-${id}`,
    createdAt,
  };
}

async function seedMeeting(store: Store, id: string, state: 'preparing' | 'open'): Promise<void> {
  if (!(await store.getStaff('s1'))) await store.createStaff(staff('s1'));
  await store.createMeeting({
    family: { id: `fam-${id}`, name: 'Family', createdAt: 1 },
    meeting: {
      id,
      familyId: `fam-${id}`,
      type: 'family-network-meeting',
      title: 'Meeting',
      date: '2026-02-01',
      state,
      createdAt: 1,
      chairStaffId: 's1',
    },
    documents: [],
  });
}
