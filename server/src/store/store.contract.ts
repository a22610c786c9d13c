import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Family, Meeting, NewMeeting } from './store.ts';

/** Every rule of store.ts (STORE1..STORE6 in server/SPEC.md), for any implementation. */
export function runStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory);

    it('[RECORD5] the write probe writes, again and again, and changes nothing a board holds', async () => {
      await store.appendUpdates(textEdits(['kept']).map((update) => ({ documentName: 'a.map', update })));
      await store.probeWrite();
      await store.probeWrite();
      expect(textOf((await store.loadDocument('a.map')).updates)).toBe('kept');
    });

    it('[STORE1] a document never written loads with no updates', async () => {
      expect(await store.loadDocument('nobody-here.map')).toEqual({ updates: [] });
      expect(await store.countUpdates('nobody-here.map')).toBe(0);
    });

    it('[STORE2] appended updates load in the order stored, byte for byte', async () => {
      const updates = textEdits(['Nan ', 'collects ', 'the children']);
      for (const update of updates) await store.appendUpdates([{ documentName: 'a.map', update }]);
      const loaded = await store.loadDocument('a.map');
      expect(loaded.updates).toEqual(updates);
      expect(await store.countUpdates('a.map')).toBe(3);
      expect(textOf(loaded.updates)).toBe('Nan collects the children');
    });

    it('[STORE2] one batch may hold several documents, and each loads only its own', async () => {
      const [first, second, third] = textEdits(['one', 'two', 'three']);
      await store.appendUpdates([
        { documentName: 'a.map', update: first!, origin: 'p1' },
        { documentName: 'b.map', update: second! },
        { documentName: 'a.map', update: third!, origin: 'p2' },
      ]);
      expect((await store.loadDocument('a.map')).updates).toEqual([first, third]);
      expect((await store.loadDocument('b.map')).updates).toEqual([second]);
      await store.appendUpdates([]);
      expect(await store.countUpdates('a.map')).toBe(2);
    });

    it('[STORE2] [STORE6] appended updates are there when the store is opened again', async () => {
      const updates = textEdits(['kept ', 'after ', 'close']);
      await store.appendUpdates(updates.map((update) => ({ documentName: 'a.map', update })));
      const again = await reopen();
      expect((await again.loadDocument('a.map')).updates).toEqual(updates);
    });

    it('[STORE3] compaction replaces the log with the snapshot and keeps later updates after it', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      for (const word of ['Pat ', 'walks ', 'Jordan ', 'to ', 'school'])
        doc.getText('t').insert(doc.getText('t').length, word);
      await store.appendUpdates(updates.splice(0).map((update) => ({ documentName: 'a.map', update })));
      await store.appendUpdates([{ documentName: 'b.map', update: textEdits(['other'])[0]! }]);

      const snapshot = Y.encodeStateAsUpdate(doc);
      await store.compactDocument('a.map', snapshot);
      expect(await store.countUpdates('a.map')).toBe(1);
      expect((await store.loadDocument('a.map')).updates).toEqual([snapshot]);

      doc.getText('t').insert(doc.getText('t').length, ' every day');
      await store.appendUpdates(updates.splice(0).map((update) => ({ documentName: 'a.map', update })));
      const loaded = await store.loadDocument('a.map');
      expect(loaded.updates).toHaveLength(2);
      expect(loaded.updates[0]).toEqual(snapshot);
      expect(textOf(loaded.updates)).toBe('Pat walks Jordan to school every day');
      expect(await store.countUpdates('b.map')).toBe(1);
      expect(textOf((await store.loadDocument('b.map')).updates)).toBe('other');
    });

    it('[STORE3] compaction survives reopening, and compacting twice keeps the content', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      const text = doc.getText('t');
      for (const letter of 'abcd') text.insert(text.length, letter);
      await store.appendUpdates(updates.map((update) => ({ documentName: 'a.map', update })));
      await store.compactDocument('a.map', Y.encodeStateAsUpdate(doc));
      text.insert(text.length, 'e');
      await store.appendUpdates([{ documentName: 'a.map', update: updates.at(-1)! }]);
      await store.compactDocument('a.map', Y.encodeStateAsUpdate(doc));
      const again = await reopen();
      expect(await again.countUpdates('a.map')).toBe(1);
      expect(textOf((await again.loadDocument('a.map')).updates)).toBe('abcde');
    });

    it('[STORE3] compacting a document with no updates stores nothing', async () => {
      await store.compactDocument('empty.map', textEdits(['ghost'])[0]!);
      expect(await store.countUpdates('empty.map')).toBe(0);
    });

    it('[STORE3] folding merges exactly the stored rows into one, keeps other documents, and appends go on after it', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      const text = doc.getText('t');
      for (const word of ['Pat ', 'walks ', 'Jordan']) text.insert(text.length, word);
      await store.appendUpdates(updates.splice(0).map((update) => ({ documentName: 'a.map', update })));
      await store.appendUpdates([{ documentName: 'b.map', update: textEdits(['other'])[0]! }]);

      const kept = await store.foldDocumentUpdates('a.map');
      expect(await store.countUpdates('a.map')).toBe(1);
      expect((await store.loadDocument('a.map')).updates[0]!.byteLength).toBe(kept);
      expect(textOf((await store.loadDocument('a.map')).updates)).toBe('Pat walks Jordan');
      expect(await store.countUpdates('b.map')).toBe(1);

      text.insert(text.length, ' to school');
      await store.appendUpdates(updates.splice(0).map((update) => ({ documentName: 'a.map', update })));
      await Promise.all([store.foldDocumentUpdates('a.map'), store.foldDocumentUpdates('a.map')]);
      const again = await reopen();
      expect(await again.countUpdates('a.map')).toBe(1);
      expect(textOf((await again.loadDocument('a.map')).updates)).toBe('Pat walks Jordan to school');
      await again.foldDocumentUpdates('empty.map');
      expect(await again.countUpdates('empty.map')).toBe(0);
    });

    it('[STORE4] createMeeting makes the family, meeting and document content visible together', async () => {
      const update = textEdits(['first card'])[0]!;
      await store.createMeeting(newMeeting('m-one', 'fam-one', [{ documentName: 'm-one.map', update }]));
      expect(await store.getMeeting('m-one')).toEqual(meeting('m-one', 'fam-one'));
      expect(await store.getFamily('fam-one')).toEqual(family('fam-one'));
      expect((await store.loadDocument('m-one.map')).updates).toEqual([update]);

      const again = await reopen();
      expect(await again.getMeeting('m-one')).toEqual(meeting('m-one', 'fam-one'));
      expect((await again.loadDocument('m-one.map')).updates).toEqual([update]);
    });

    it('[STORE4] a second meeting for a known family keeps the family as it was', async () => {
      await store.createMeeting(newMeeting('m-one', 'fam-one', []));
      await store.createMeeting({
        ...newMeeting('m-two', 'fam-one', []),
        family: { ...family('fam-one'), name: 'Renamed family' },
      });
      expect(await store.getFamily('fam-one')).toEqual(family('fam-one'));
      expect((await store.listMeetings()).map((each) => each.id).sort()).toEqual(['m-one', 'm-two']);
    });

    it('[STORE4] createMeeting is atomic: a failing part leaves nothing behind', async () => {
      await store.createMeeting(newMeeting('m-one', 'fam-one', []));
      const update = textEdits(['should not be stored'])[0]!;
      await expect(
        store.createMeeting(newMeeting('m-one', 'fam-new', [{ documentName: 'm-one.map', update }])),
      ).rejects.toThrow();
      expect(await store.getFamily('fam-new')).toBeUndefined();
      expect(await store.countUpdates('m-one.map')).toBe(0);
      expect(await store.getMeeting('m-one')).toEqual(meeting('m-one', 'fam-one'));
    });

    it('[STORE5] unknown meetings and families are undefined; listMeetings is newest date first', async () => {
      expect(await store.getMeeting('no-such-meeting')).toBeUndefined();
      expect(await store.getFamily('no-such-family')).toBeUndefined();
      expect(await store.listMeetings()).toEqual([]);
      await store.createMeeting(newMeeting('m-old', 'fam-one', [], '2026-01-05'));
      await store.createMeeting(newMeeting('m-new', 'fam-two', [], '2026-03-01'));
      await store.createMeeting(newMeeting('m-mid', 'fam-one', [], '2026-02-10'));
      expect((await store.listMeetings()).map((each) => each.id)).toEqual(['m-new', 'm-mid', 'm-old']);
    });

    it('[STORE6] healthy while open; close twice is harmless', async () => {
      expect(await store.healthy()).toBe(true);
      await store.close();
      await store.close();
      expect(await store.healthy()).toBe(false);
    });
  });
}

/** Consecutive Yjs updates, each appending one piece to the text `t` of one document. */
function textEdits(pieces: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const piece of pieces) doc.getText('t').insert(doc.getText('t').length, piece);
  return updates;
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

function family(id: string): Family {
  return { id, name: `Family ${id}`, createdAt: 1_760_000_000_000 };
}

function meeting(id: string, familyId: string, date = '2026-02-01'): Meeting {
  return {
    id,
    familyId,
    type: 'family-network-meeting',
    title: `Meeting ${id}`,
    date,
    state: 'open',
    createdAt: 1_760_000_000_000,
  };
}

function newMeeting(
  id: string,
  familyId: string,
  documents: NewMeeting['documents'],
  date?: string,
): NewMeeting {
  return { family: family(familyId), meeting: meeting(id, familyId, date), documents };
}
