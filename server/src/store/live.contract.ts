import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { StoredMeetingLiveState } from './store.ts';

/**
 * What the store keeps for a live meeting beside its documents (STORE16, STORE17 in
 * server/SPEC.md): who owns each Yjs client id, and the chair's live state. For any implementation.
 */
export function runLiveStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, live meeting: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory);

    const edit = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };

    it('[STORE16] a document never written has no client-id owners', async () => {
      expect(await store.loadClientOwners('nobody.map')).toEqual([]);
    });

    it('[STORE16] owners are stored with their update, per document, and survive reopening and compaction', async () => {
      await store.appendUpdates([
        {
          documentName: 'a.map',
          update: edit('one'),
          origin: 'guest:p1',
          owners: [{ client: 11, participant: 'guest:p1', firstSeen: 5 }],
        },
        {
          documentName: 'b.map',
          update: edit('two'),
          owners: [{ client: 22, participant: 'staff:s1', firstSeen: 6 }],
        },
        { documentName: 'a.map', update: edit('three') },
      ]);
      await store.appendUpdates([
        {
          documentName: 'a.map',
          update: edit('four'),
          owners: [
            { client: 33, participant: 'guest:p2', firstSeen: 7 },
            { client: 4_294_967_295, participant: 'guest:p2', firstSeen: 8 },
          ],
        },
      ]);
      const owners = [
        { client: 11, participant: 'guest:p1', firstSeen: 5 },
        { client: 33, participant: 'guest:p2', firstSeen: 7 },
        { client: 4_294_967_295, participant: 'guest:p2', firstSeen: 8 },
      ];
      expect(await store.loadClientOwners('a.map')).toEqual(owners);
      expect(await store.loadClientOwners('b.map')).toEqual([
        { client: 22, participant: 'staff:s1', firstSeen: 6 },
      ]);
      await store.compactDocument('a.map', edit('snapshot'));
      expect(await store.countUpdates('a.map')).toBe(1);
      expect(await (await reopen()).loadClientOwners('a.map')).toEqual(owners);
    });

    it('[STORE16] the first owner of an id stays: a later claim of it is ignored', async () => {
      await store.appendUpdates([
        {
          documentName: 'a.map',
          update: edit('x'),
          owners: [{ client: 1, participant: 'guest:a', firstSeen: 1 }],
        },
      ]);
      await store.appendUpdates([
        {
          documentName: 'a.map',
          update: edit('y'),
          owners: [{ client: 1, participant: 'guest:b', firstSeen: 2 }],
        },
      ]);
      expect(await store.loadClientOwners('a.map')).toEqual([
        { client: 1, participant: 'guest:a', firstSeen: 1 },
      ]);
    });

    it('[STORE16] an owner is stored only with its batch: a batch that fails keeps neither', async () => {
      const broken = null as unknown as Uint8Array; // a later entry the store refuses
      await expect(
        store.appendUpdates([
          {
            documentName: 'a.map',
            update: edit('lost'),
            owners: [{ client: 9, participant: 'guest:a', firstSeen: 1 }],
          },
          { documentName: 'a.map', update: broken },
        ]),
      ).rejects.toThrow();
      expect(await store.loadClientOwners('a.map')).toEqual([]);
      expect(await store.countUpdates('a.map')).toBe(0);
    });

    const liveState = (meetingId: string): StoredMeetingLiveState => ({
      meetingId,
      follow: false,
      focus: { stepId: 'working-well', column: 'workingWell' },
      previousFocus: { stepId: null, column: null },
      lockedColumns: ['worries', 'workingWell'],
      timer: { durationMs: 600_000, startedAt: 1_700_000_000_000, remainingMs: 420_000 },
    });

    const meeting = async (id: string) => {
      await store.createMeeting({
        family: { id: 'fam', name: 'Hollis', createdAt: 1 },
        meeting: {
          id,
          familyId: 'fam',
          type: 'family-network-meeting',
          title: id,
          date: '2026-12-01',
          state: 'open',
          createdAt: 1,
        },
        documents: [],
      });
    };

    it('[STORE17] a meeting whose chair changed nothing has no saved live state', async () => {
      await meeting('m1');
      expect(await store.getMeetingLiveState('m1')).toBeUndefined();
      expect(await store.getMeetingLiveState('no-such-meeting')).toBeUndefined();
    });

    it('[STORE17] the live state saved last is the one read, per meeting, after reopening too', async () => {
      await meeting('m1');
      await meeting('m2');
      await store.saveMeetingLiveState({ ...liveState('m1'), follow: true });
      await store.saveMeetingLiveState(liveState('m1'));
      await store.saveMeetingLiveState({ ...liveState('m2'), lockedColumns: [] });
      expect(await store.getMeetingLiveState('m1')).toEqual(liveState('m1'));
      const again = await reopen();
      expect(await again.getMeetingLiveState('m1')).toEqual(liveState('m1'));
      expect(await again.getMeetingLiveState('m2')).toEqual({ ...liveState('m2'), lockedColumns: [] });
    });
  });
}
