import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Store } from './store.ts';

/** An update that sets `key` to `value` in a fresh document's `cards` map, as client `client`. */
function edit(client: number, key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getMap('cards').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** The history rules of store.ts (HISTORY1-HISTORY3 in server/SPEC.md), for any implementation. */
export function runHistoryStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, board history: ${name}`, () => {
    const { store, openAnother } = useContractStore(makeFactory, { seed: oneMeeting });

    async function oneMeeting(store: Store): Promise<void> {
      await store.createMeeting({
        family: { id: 'fam', name: 'Hollis', createdAt: 1 },
        meeting: {
          id: 'm1',
          familyId: 'fam',
          type: 'family-network-meeting',
          title: 'Meeting',
          date: '2026-12-01',
          state: 'open',
          createdAt: 1,
        },
        documents: [{ documentName: 'm1.map', update: edit(1, 'seed', 'from the server') }],
      });
    }

    it('[HISTORY2] keeps every stored update with its author, through compaction, folding and reopening', async () => {
      await store.appendUpdates([
        {
          documentName: 'm1.map',
          update: edit(2, 'a', 'Amira'),
          origin: 'guest:p1',
          author: { name: 'Amira Hollis', role: 'family' },
        },
        { documentName: 'm1.frame', update: edit(3, 'x', 'other document'), origin: 'staff:s1' },
      ]);
      await store.appendUpdates([
        {
          documentName: 'm1.map',
          update: edit(4, 'b', 'Sam'),
          origin: 'staff:s1',
          author: { name: 'Sam Okafor', role: 'staff' },
        },
      ]);
      const before = await store.loadDocumentHistory('m1.map');
      expect(before.map((entry) => [entry.participant, entry.author])).toEqual([
        [null, null],
        ['guest:p1', { name: 'Amira Hollis', role: 'family' }],
        ['staff:s1', { name: 'Sam Okafor', role: 'staff' }],
      ]);
      expect(before[0]!.at).toBe(1);
      expect(before[2]!.at).toBeGreaterThanOrEqual(before[1]!.at);

      await store.foldDocumentUpdates('m1.map');
      const doc = new Y.Doc();
      for (const update of (await store.loadDocument('m1.map')).updates) Y.applyUpdate(doc, update);
      await store.compactDocument('m1.map', Y.encodeStateAsUpdate(doc));
      expect(await store.countUpdates('m1.map')).toBe(1);

      const reopened = await openAnother();
      const after = await reopened.loadDocumentHistory('m1.map');
      expect(after).toEqual(before);
      // Each entry is the update as stored, so the history replays to the board.
      const replayed = new Y.Doc();
      for (const entry of after) Y.applyUpdate(replayed, entry.update);
      expect(replayed.getMap('cards').toJSON()).toEqual({ seed: 'from the server', a: 'Amira', b: 'Sam' });
      expect((await reopened.loadDocumentHistory('m1.frame')).map((entry) => entry.participant)).toEqual([
        'staff:s1',
      ]);
      expect(await reopened.loadDocumentHistory('m2.map')).toEqual([]);
    });
  });
}
