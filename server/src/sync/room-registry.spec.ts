import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { RoomRegistry } from './room-registry.ts';
import type { RoomMember } from './room.ts';
import { UpdateWriter } from './update-writer.ts';

const name = 'unit-test.map';
const log = pino({ level: 'silent' });

/**
 * A store whose loads and compactions take a while, as a networked database's do.
 * `compactionStarted` resolves when a compaction has been handed to it.
 */
function slowStore(store: Store, delayMs: number): Store & { compactionStarted: Promise<void> } {
  const later = <T>(work: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => setTimeout(() => work().then(resolve, reject), delayMs));
  const started = Promise.withResolvers<void>();
  return Object.assign(Object.create(store) as Store, {
    compactionStarted: started.promise,
    loadDocument: (documentName: string) => later(() => store.loadDocument(documentName)),
    compactDocument: (documentName: string, snapshot: Uint8Array) => {
      started.resolve();
      return later(() => store.compactDocument(documentName, snapshot));
    },
    appendUpdates: store.appendUpdates.bind(store),
    loadClientOwners: store.loadClientOwners.bind(store),
    countUpdates: store.countUpdates.bind(store),
  });
}

async function storedDoc(store: Store): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await store.loadDocument(name)).updates) Y.applyUpdate(doc, update);
  return doc;
}

const member = (): RoomMember => ({
  participantId: undefined,
  send: () => {},
  stored: () => {},
  storeFailed: () => {},
});

describe('RoomRegistry', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  async function registry(unloadDelayMs: number) {
    const sqlite = await openSqliteStore(':memory:');
    stores.push(sqlite);
    const store = slowStore(sqlite, 30);
    const writer = new UpdateWriter(store);
    return {
      sqlite,
      compactionStarted: store.compactionStarted,
      registry: new RoomRegistry({ store, writer, log, unloadDelayMs, compactAfterUpdates: 500 }),
    };
  }

  it('[SYNC6] a member arriving while the document unloads waits and gets a fresh, open document', async () => {
    const { sqlite, registry: rooms } = await registry(0);
    const first = member();
    const room = await rooms.join(name, first);
    room.doc.getMap('cards').set('kept', 'before unload');
    room.doc.getMap('cards').set('kept too', 'before unload');
    rooms.leave(room, first);
    // Let the unload start: its compaction is now waiting on the slow store.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(room.state).toBe('unloading');

    const second = member();
    const next = await rooms.join(name, second);
    expect(next).not.toBe(room);
    expect(next.state).toBe('open');
    expect(next.members.has(second)).toBe(true);
    expect(next.doc.getMap('cards').toJSON()).toEqual({ kept: 'before unload', 'kept too': 'before unload' });
    // The edit goes to the new document and is stored.
    next.doc.getMap('cards').set('after', 'reload');
    await vi.waitFor(async () =>
      expect((await storedDoc(sqlite)).getMap('cards').get('after')).toBe('reload'),
    );
    rooms.leave(next, second);
  });

  it('[SYNC5] an edit made while a slow compaction runs is not folded away', async () => {
    const { sqlite, compactionStarted, registry: rooms } = await registry(60_000);
    const first = member();
    const room = await rooms.join(name, first);
    room.doc.getMap('cards').set('before', 'compaction');
    const compacting = room.compact();
    await compactionStarted;
    // Made after the snapshot was encoded, and stored while it is on its way to the store.
    room.doc.getMap('cards').set('during', 'compaction');
    await compacting;
    await vi.waitFor(async () =>
      expect((await storedDoc(sqlite)).getMap('cards').toJSON()).toEqual({
        before: 'compaction',
        during: 'compaction',
      }),
    );
    rooms.leave(room, first);
  });

  it('[SYNC6] a member arriving before the unload timer fires keeps the same document', async () => {
    const { registry: rooms } = await registry(50);
    const first = member();
    const room = await rooms.join(name, first);
    rooms.leave(room, first);
    const second = member();
    expect(await rooms.join(name, second)).toBe(room);
    // Past the first member's unload delay: the cancelled timer never unloads it.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(room.state).toBe('open');
    rooms.leave(room, second);
  });
});
