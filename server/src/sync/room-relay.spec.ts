import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { DocumentRelay, RelayedDocumentMessage } from './document-relay.ts';
import { RoomRegistry } from './room-registry.ts';
import type { RoomMember } from './room.ts';
import { UpdateWriter } from './update-writer.ts';

const name = 'relay-test.map';
const log = pino({ level: 'silent' });

/**
 * Two "servers" in one process: each a RoomRegistry with its own relay end on one bus, the way
 * Redis pub/sub joins real servers (the Redis relay itself is tested with real servers in
 * tests/multi-client/two-servers.test.ts). The bus can be held, as a slow or absent Redis would.
 */
class Bus {
  readonly #ends = new Map<string, Map<string, (message: RelayedDocumentMessage) => void>>();
  #held: (() => void)[] | undefined;

  end(server: string): DocumentRelay {
    return {
      subscribe: async (documentName, listener) => {
        let listeners = this.#ends.get(documentName);
        if (!listeners) this.#ends.set(documentName, (listeners = new Map()));
        listeners.set(server, listener);
        return async () => void listeners.delete(server);
      },
      publish: (documentName, message) => {
        for (const [other, listener] of this.#ends.get(documentName) ?? [])
          if (other !== server) {
            const deliver = () => listener(message);
            if (this.#held) this.#held.push(deliver);
            else deliver();
          }
      },
      onGap: () => {},
    };
  }

  hold(): void {
    this.#held = [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const deliver of held) deliver();
  }
}

function member(participantId?: string) {
  const frames: Uint8Array[] = [];
  const self: RoomMember & { frames: Uint8Array[] } = {
    participantId,
    frames,
    send: (frame) => frames.push(frame),
    stored: () => {},
    storeFailed: () => {},
  };
  return self;
}

const textOf = (doc: Y.Doc) => doc.getMap('cards').get('t')?.toString() ?? '';

describe('rooms on two servers joined by a relay', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  async function servers() {
    const store = await openSqliteStore(':memory:');
    stores.push(store);
    const bus = new Bus();
    const registry = (server: string) =>
      new RoomRegistry({
        store,
        writer: new UpdateWriter(store),
        log,
        unloadDelayMs: 10,
        compactAfterUpdates: 1000,
        relay: bus.end(server),
      });
    return { store, bus, a: registry('a'), b: registry('b') };
  }

  async function stored(store: Store): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const update of (await store.loadDocument(name)).updates) Y.applyUpdate(doc, update);
    return doc;
  }

  /** A client's edits as separate updates: the second depends on the first. */
  function twoEdits(): [Uint8Array, Uint8Array] {
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    const text = new Y.Text();
    client.transact(() => {
      client.getMap('cards').set('t', text);
      text.insert(0, 'Nan walks them');
    });
    text.insert(text.length, ' to school');
    return [updates[0]!, updates[1]!];
  }

  it('[CLUSTER1] an update stored through A reaches B once stored, and is stored once', async () => {
    const { store, a, b } = await servers();
    const onA = member('guest:nan');
    const onB = member('guest:bea');
    const roomA = await a.join(name, onA);
    const roomB = await b.join(name, onB);
    const [first] = twoEdits();
    Y.applyUpdate(roomA.doc, first, onA);
    await expect.poll(() => onB.frames.length).toBe(1);
    expect(roomB.doc.getMap('cards').has('t')).toBe(true);
    expect(await store.countUpdates(name)).toBe(1);
  });

  it('[CLUSTER1] a member update waiting on B for what A stored is stored when the relay brings it', async () => {
    const { store, bus, a, b } = await servers();
    const onA = member('guest:nan');
    const onB = member('guest:nan');
    const roomA = await a.join(name, onA);
    const roomB = await b.join(name, onB);
    const [first, second] = twoEdits();
    bus.hold();
    Y.applyUpdate(roomA.doc, first, onA);
    await expect.poll(async () => store.countUpdates(name)).toBe(1);
    // The second edit reaches B before the first does: it waits, unstored.
    Y.applyUpdate(roomB.doc, second, onB);
    expect(roomB.pending.waiting).toBe(true);
    bus.release();
    await expect.poll(() => textOf(roomB.doc)).toBe('Nan walks them to school');
    await expect.poll(async () => textOf(await stored(store))).toBe('Nan walks them to school');
  });
});
