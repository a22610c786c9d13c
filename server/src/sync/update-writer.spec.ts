import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../store/open-store.ts';
import { RoomRegistry } from './room-registry.ts';
import type { RoomMember } from './room.ts';
import { UpdateWriter } from './update-writer.ts';

const log = pino({ level: 'silent' });
const member = (): RoomMember => ({
  participantId: undefined,
  send: () => {},
  stored: () => {},
  storeFailed: () => {},
});
/** Resolves to what finished first: the promise or a generous deadline (never a timing assert). */
const within = <T>(promise: Promise<T>, ms = 20_000) =>
  Promise.race([
    promise.then(() => 'done' as const),
    new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ]);

/** Writes to `documentName` every turn of the event loop until stopped: a board in steady use. */
function steadyTraffic(writer: UpdateWriter, documentName: string) {
  const doc = new Y.Doc();
  let running = true;
  let stored = 0;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const done = (async () => {
    for (let i = 0; running; i++) {
      doc.getArray('agenda').push([i]);
      void writer.write({ documentName, update: updates.shift()! }).then(() => stored++);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    stored: () => stored,
    stop: async () => {
      running = false;
      await done;
      await writer.idle();
    },
  };
}

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(text, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('[SYNC30] waits are per document', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  /** A real SQLite file with synchronous = FULL, so every batch is a real fsync. */
  async function fileStore() {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-writer-'));
    const store = await openSqliteStore(path.join(dir, 'kinboard.db'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => store.close());
    return store;
  }

  it('a board settles and compacts while another board keeps writing, and its held writes wait', async () => {
    const store = await fileStore();
    const writer = new UpdateWriter(store);
    const traffic = steadyTraffic(writer, 'busy.frame');
    cleanups.push(() => traffic.stop());

    await writer.write({ documentName: 'quiet.map', update: update('first') });
    void writer.write({ documentName: 'quiet.map', update: update('second') });
    // The busy board's queue is never empty, yet the quiet board's own writes settle.
    expect(await within(writer.settled('quiet.map'))).toBe('done');
    expect((await store.loadDocument('quiet.map')).updates).toHaveLength(2);

    let heldWrite: Promise<void> | undefined;
    const storedBefore = traffic.stored();
    const compaction = writer.exclusive('quiet.map', async () => {
      // Another board's batch commits while this document's exclusive work runs: a server-wide
      // exclusive would wait here for ever.
      await writer.write({ documentName: 'busy.frame', update: update('during') });
      heldWrite = writer.write({ documentName: 'quiet.map', update: update('held') });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The quiet board's new write waits for the work to finish, so a compaction never deletes it.
      expect((await store.loadDocument('quiet.map')).updates).toHaveLength(2);
      await store.compactDocument('quiet.map', update('snapshot'));
    });
    expect(await within(compaction)).toBe('done');
    expect(traffic.stored()).toBeGreaterThan(storedBefore);
    await heldWrite;
    expect((await store.loadDocument('quiet.map')).updates).toHaveLength(2);
    expect(await store.countUpdates('quiet.map')).toBe(2);
  });

  it('a board left empty unloads and compacts while another board is edited without pause', async () => {
    const store = await fileStore();
    const writer = new UpdateWriter(store);
    const rooms = new RoomRegistry({ store, writer, log, unloadDelayMs: 0, compactAfterUpdates: 500 });
    const busyMember = member();
    const busy = await rooms.join('busy.frame', busyMember);
    let editing = true;
    const edits = (async () => {
      for (let i = 0; editing; i++) {
        busy.doc.getArray('agenda').push([i]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    cleanups.push(async () => {
      editing = false;
      await edits;
      rooms.leave(busy, busyMember);
      await writer.idle();
    });

    const leaving = member();
    const quiet = await rooms.join('quiet.map', leaving);
    quiet.doc.getMap('cards').set('one', 'kept');
    quiet.doc.getMap('cards').set('two', 'kept');
    rooms.leave(quiet, leaving);
    expect(await within(quiet.unloaded)).toBe('done');
    expect(editing).toBe(true);
    // Its edits are durable and folded into one snapshot.
    expect(await store.countUpdates('quiet.map')).toBe(1);
    const stored = new Y.Doc();
    for (const each of (await store.loadDocument('quiet.map')).updates) Y.applyUpdate(stored, each);
    expect(stored.getMap('cards').toJSON()).toEqual({ one: 'kept', two: 'kept' });
    // Someone rejoining the board gets it at once, fresh, with everything.
    const back = await rooms.join('quiet.map', member());
    expect(back.doc.getMap('cards').get('two')).toBe('kept');
  });
});
