import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Store, ViewBeforeRecord } from './store.ts';

const limits = { perSender: 2, perMeeting: 3 };

const view = (id: string, senderKey: string, sentAt: number, meetingId = 'm1'): ViewBeforeRecord => ({
  id,
  meetingId,
  senderKey,
  name: 'Nan Hollis',
  relationship: 'Grandmother',
  worries: `worry ${id}`,
  workingWell: 'School runs',
  offers: 'Sundays',
  scaling: [{ questionId: 'q1', value: 6 }],
  sentAt,
});

/** Before the meeting (DRAFT2, PRIOR1-PRIOR3 in server/SPEC.md), for any implementation. */
export function runViewsBeforeStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, before the meeting: ${name}`, () => {
    const { store, openAnother } = useContractStore(makeFactory, { seed: twoMeetings });

    async function twoMeetings(store: Store): Promise<void> {
      for (const meetingId of ['m1', 'm2'])
        await store.createMeeting({
          family: { id: 'fam', name: 'Hollis', createdAt: 1 },
          meeting: {
            id: meetingId,
            familyId: 'fam',
            type: 'family-network-meeting',
            title: `Meeting ${meetingId}`,
            date: '2026-12-10',
            state: 'preparing',
            createdAt: 1,
          },
          documents: [],
        });
    }

    it('[PRIOR1] keeps each view with who sent it and when, in the order sent, per meeting; it survives reopening', async () => {
      expect(await store.listViewsBefore('m1')).toEqual([]);
      expect(await store.saveViewBefore(view('v1', 'pass:a', 20), limits)).toBe('saved');
      expect(await store.saveViewBefore(view('v2', 'pass:b', 10), limits)).toBe('saved');
      expect(await store.saveViewBefore(view('v3', 'pass:a', 30, 'm2'), limits)).toBe('saved');
      expect(await store.saveViewBefore(view('v4', 'pass:a', 30, 'nowhere'), limits)).toBe('not-found');
      const again = await openAnother();
      expect((await again.listViewsBefore('m1')).map((v) => v.id)).toEqual(['v2', 'v1']);
      expect(await again.getViewBefore('v1')).toEqual(view('v1', 'pass:a', 20));
      expect(await again.getViewBefore('nope')).toBeUndefined();
    });

    it('[PRIOR2] refuses a sender past their limit, and anyone past the meeting’s', async () => {
      expect(await store.saveViewBefore(view('v1', 'pass:a', 1), limits)).toBe('saved');
      expect(await store.saveViewBefore(view('v2', 'pass:a', 2), limits)).toBe('saved');
      expect(await store.saveViewBefore(view('v3', 'pass:a', 3), limits)).toBe('too-many-from-sender');
      expect(await store.saveViewBefore(view('v4', 'pass:b', 4), limits)).toBe('saved');
      expect(await store.saveViewBefore(view('v5', 'pass:c', 5), limits)).toBe('too-many-for-meeting');
      // Another meeting counts its own.
      expect(await store.saveViewBefore(view('v6', 'pass:a', 6, 'm2'), limits)).toBe('saved');
      expect((await store.listViewsBefore('m1')).map((v) => v.id)).toEqual(['v1', 'v2', 'v4']);
    });

    it('[PRIOR3] a view is brought in once, by whom and when', async () => {
      await store.saveViewBefore(view('v1', 'pass:a', 1), limits);
      const first = await store.markViewBroughtIn('v1', 'staff-1', 50);
      expect(first).toMatchObject({ id: 'v1', broughtInAt: 50, broughtInBy: 'staff-1' });
      expect(await store.markViewBroughtIn('v1', 'staff-2', 60)).toBeUndefined();
      expect(await store.markViewBroughtIn('nope', 'staff-2', 60)).toBeUndefined();
      expect(await store.getViewBefore('v1')).toMatchObject({ broughtInAt: 50, broughtInBy: 'staff-1' });
    });

    it('[DRAFT2] keeps, replaces and removes the time a meeting’s drafts are shared from', async () => {
      expect(await store.getDraftsShare('m1')).toBeUndefined();
      await store.setDraftsShare('m1', { shareFrom: 1000, setBy: 'staff-1', setAt: 5 });
      await store.setDraftsShare('m1', { shareFrom: 2000, setBy: 'staff-2', setAt: 6 });
      expect(await (await openAnother()).getDraftsShare('m1')).toEqual({
        meetingId: 'm1',
        shareFrom: 2000,
        setBy: 'staff-2',
        setAt: 6,
      });
      expect(await store.getDraftsShare('m2')).toBeUndefined();
      await store.setDraftsShare('m1', null);
      expect(await store.getDraftsShare('m1')).toBeUndefined();
    });
  });
}
