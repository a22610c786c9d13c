import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { CopyGivenRecord, Store } from './store.ts';

const copy = (id: string, familyId: string, meetingId: string, givenAt: number): CopyGivenRecord => ({
  id,
  familyId,
  meetingId,
  version: 1,
  what: 'family-plan',
  personKey: null,
  recipientName: 'Nan Pearl',
  method: 'email',
  address: 'pearl@family.example',
  staffId: 'staff-1',
  participantKey: null,
  givenAt,
});

/** The copies-given rules of store.ts (COPY6 in server/SPEC.md), for any implementation. */
export function runCopyStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, copies given: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory, { seed: twoFamilies });

    async function twoFamilies(store: Store): Promise<void> {
      for (const familyId of ['fam-a', 'fam-b'])
        await store.createMeeting({
          family: { id: familyId, name: familyId, createdAt: 1 },
          meeting: {
            id: `${familyId}-m`,
            familyId,
            type: 'family-network-meeting',
            title: 'Meeting',
            date: '2026-12-01',
            state: 'closed',
            createdAt: 1,
          },
          documents: [],
        });
    }

    it('[COPY6] keeps each copy given, oldest first, per family, across a restart', async () => {
      expect(await store.listCopiesOfFamily('fam-a')).toEqual([]);
      const phone: CopyGivenRecord = {
        ...copy('c2', 'fam-a', 'fam-a-m', 20),
        what: 'my-part',
        personKey: 'guest:g1',
        method: 'phone',
        address: null,
        staffId: null,
        participantKey: 'guest:g1',
      };
      await store.recordCopyGiven(phone);
      await store.recordCopyGiven(copy('c1', 'fam-a', 'fam-a-m', 10));
      await store.recordCopyGiven(copy('c3', 'fam-b', 'fam-b-m', 5));
      const again = await reopen();
      expect(await again.listCopiesOfFamily('fam-a')).toEqual([copy('c1', 'fam-a', 'fam-a-m', 10), phone]);
      expect((await again.listCopiesOfFamily('fam-b')).map((each) => each.id)).toEqual(['c3']);
    });

    it('[COPY6] [ERASE2] erasing a family removes its copies and no other family’s', async () => {
      await store.recordCopyGiven(copy('c1', 'fam-a', 'fam-a-m', 10));
      await store.recordCopyGiven(copy('c2', 'fam-b', 'fam-b-m', 10));
      expect(await store.eraseFamily('fam-a')).toBe('erased');
      expect(await store.listCopiesOfFamily('fam-a')).toEqual([]);
      expect(await store.listCopiesOfFamily('fam-b')).toHaveLength(1);
    });

    it('[COPY6] refuses a copy of a meeting the store does not have', async () => {
      await expect(store.recordCopyGiven(copy('c1', 'fam-a', 'no-such-meeting', 10))).rejects.toThrow();
    });
  });
}
