import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Store } from './store.ts';

/** The retention rules of store.ts (RETAIN1, RETAIN4 in server/SPEC.md), for any implementation. */
export function runRetentionStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, retention: ${name}`, () => {
    const { store, openAnother } = useContractStore(makeFactory, { seed: meetingsWithGuests });

    async function meetingsWithGuests(store: Store): Promise<void> {
      for (const meetingId of ['m1', 'm2']) {
        await store.createMeeting({
          family: { id: 'fam', name: 'Hollis', createdAt: 1 },
          meeting: {
            id: meetingId,
            familyId: 'fam',
            type: 'family-network-meeting',
            title: `Meeting ${meetingId}`,
            date: '2026-12-01',
            state: 'open',
            createdAt: 1,
          },
          documents: [],
        });
        for (const index of [1, 2, 3])
          await store.addParticipant({
            id: `${meetingId}-g${index}`,
            meetingId,
            name: `Guest ${index} of ${meetingId}`,
            relationship: 'aunt',
            status: 'waiting',
            passHash: `hash-${meetingId}-${index}`,
            createdAt: index,
          });
      }
    }

    it("[RETAIN1] purges the name, relationship and pass of a closed meeting's guests, once, and keeps the rows", async () => {
      const before = Date.now();
      await store.closeMeeting('m1');
      // m2 is still open: its guests are never purged, whatever the time.
      const far = Date.now() + 1_000_000;
      expect(await store.purgeGuestDetails(before - 1, far)).toBe(0);
      expect(await store.purgeGuestDetails(far, far)).toBe(3);
      expect(await store.purgeGuestDetails(far, far + 1)).toBe(0);
      const m1 = await store.listParticipants('m1');
      expect(
        m1.map((guest) => [guest.id, guest.name, guest.relationship, guest.passHash, guest.status]),
      ).toEqual([
        ['m1-g1', '', '', '', 'left'],
        ['m1-g2', '', '', '', 'left'],
        ['m1-g3', '', '', '', 'left'],
      ]);
      expect((await store.listParticipants('m2')).map((guest) => guest.name)).toEqual([
        'Guest 1 of m2',
        'Guest 2 of m2',
        'Guest 3 of m2',
      ]);
      expect(await store.getMeeting('m1')).toMatchObject({ state: 'closed' });
    });

    it('[RETAIN4] servers purging at the same moment purge each guest once between them', async () => {
      await store.closeMeeting('m1');
      await store.closeMeeting('m2');
      // Opened one after another (SQLite migrates on open), then purging all at once.
      const others = [await openAnother(), await openAnother(), await openAnother()];
      const far = Date.now() + 1_000_000;
      const results = await Promise.all([store, ...others].map((each) => each.purgeGuestDetails(far, far)));
      expect(results.reduce<number>((sum, purged) => sum + (purged ?? 0), 0)).toBe(6);
      expect(await store.purgeGuestDetails(far, far)).toBe(0);
    });
  });
}
