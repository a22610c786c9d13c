import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { JournalEntry, NetworkPass, Store } from './store.ts';

const pass = (id: string, more: Partial<NetworkPass> = {}): NetworkPass => ({
  id,
  familyId: 'fam',
  kind: 'between-meetings',
  holderName: 'Gran Hollis',
  relationship: 'Grandmother',
  secretHash: `hash-${id}`,
  createdAt: 10,
  createdBy: 'staff-1',
  endsAt: 1_000,
  ...more,
});

const entry = (id: string, passId: string, writtenAt: number): JournalEntry => ({
  id,
  familyId: 'fam',
  passId,
  authorName: 'Gran Hollis',
  authorRelationship: 'Grandmother',
  writtenAt,
  happenedOn: '2026-12-02',
  text: `entry ${id}`,
  whoWasThere: '',
  planHeld: 'held',
});

/** The pass and journal rules of store.ts (PASS1, PASS4, PASS8-PASS10 in server/SPEC.md), for any implementation. */
export function runPassStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, passes and the journal: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory, { seed: family });

    async function family(store: Store): Promise<void> {
      await store.createStaff({
        id: 'staff-1',
        email: 'w@example.org',
        name: 'Wren Worker',
        role: 'staff',
        passwordHash: 'x',
        createdAt: 1,
        disabled: false,
      });
      await store.createFamily(
        { family: { id: 'fam', name: 'Hollis', createdAt: 1 }, children: [], network: [] },
        'staff-1',
      );
      await store.createFamily(
        { family: { id: 'other', name: 'Other', createdAt: 1 }, children: [], network: [] },
        'staff-1',
      );
    }

    it('[PASS1] keeps a pass with its holder, end and kind, and lists a family’s in order', async () => {
      await store.createPass(pass('p1', { personKey: 'name:Gran Hollis' }));
      await store.createPass(pass('p2', { createdAt: 20 }));
      await store.createPass(pass('p3', { familyId: 'other' }));
      expect(await store.getPass('p1')).toEqual(pass('p1', { personKey: 'name:Gran Hollis' }));
      expect((await store.listPassesOfFamily('fam')).map((each) => each.id)).toEqual(['p1', 'p2']);
      expect(await (await reopen()).getPass('p2')).toEqual(pass('p2', { createdAt: 20 }));
    });

    it('[PASS4] revokes once, only within its family; reissuing revokes and replaces in one step', async () => {
      await store.createPass(pass('p1'));
      expect(await store.revokePass('other', 'p1', 50, 'staff-1')).toBeUndefined();
      expect(await store.revokePass('fam', 'p1', 50, 'staff-1')).toMatchObject({
        revokedAt: 50,
        revokedBy: 'staff-1',
      });
      expect(await store.revokePass('fam', 'p1', 60, 'staff-1')).toBeUndefined();
      await store.createPass(pass('p2'));
      expect(await store.reissuePass('fam', 'p2', pass('p3', { createdAt: 70 }), 70)).toMatchObject({
        id: 'p3',
      });
      expect(await store.getPass('p2')).toMatchObject({ revokedAt: 70, replacedBy: 'p3' });
      expect(await store.getPass('p3')).toEqual(pass('p3', { createdAt: 70 }));
      // A revoked pass is not reissued again: nothing is written.
      expect(await store.reissuePass('fam', 'p2', pass('p4'), 80)).toBeUndefined();
      expect(await store.getPass('p4')).toBeUndefined();
    });

    it('[PASS8] [PASS9] keeps entries in order with their author and time; a pass writes at most so many since a time', async () => {
      await store.createPass(pass('p1'));
      const limit = { since: 100, most: 2 };
      expect(await store.addJournalEntry(entry('e1', 'p1', 50), limit)).toBe('added');
      expect(await store.addJournalEntry(entry('e2', 'p1', 100), limit)).toBe('added');
      expect(await store.addJournalEntry(entry('e3', 'p1', 110), limit)).toBe('added');
      expect(await store.addJournalEntry(entry('e4', 'p1', 120), limit)).toBe('too-many');
      const { entries } = await store.listJournalOfFamily('fam');
      expect(entries.map((each) => each.id)).toEqual(['e1', 'e2', 'e3']);
      expect(entries[0]).toEqual(entry('e1', 'p1', 50));
      expect((await store.listJournalOfFamily('other')).entries).toEqual([]);
    });

    it('[PASS10] an entry is marked read once, and replies keep their staff member and time', async () => {
      await store.createPass(pass('p1'));
      await store.addJournalEntry(entry('e1', 'p1', 50), { since: 0, most: 10 });
      expect(await store.markJournalEntryRead('other', 'e1', 60, 'staff-1')).toBe(false);
      expect(await store.markJournalEntryRead('fam', 'e1', 60, 'staff-1')).toBe(true);
      expect(await store.markJournalEntryRead('fam', 'e1', 70, 'staff-1')).toBe(true);
      expect((await store.listJournalOfFamily('fam')).entries[0]).toMatchObject({
        readAt: 60,
        readBy: 'staff-1',
      });
      const reply = {
        id: 'r1',
        entryId: 'e1',
        familyId: 'fam',
        staffId: 'staff-1',
        text: 'Thanks',
        writtenAt: 80,
      };
      expect(await store.addJournalReply({ ...reply, familyId: 'other' })).toBe(false);
      expect(await store.addJournalReply(reply)).toBe(true);
      expect((await store.listJournalOfFamily('fam')).replies).toEqual([reply]);
    });
  });
}
