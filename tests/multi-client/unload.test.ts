import { addCard, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { StoringPeer } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';

const demo = 'demo-hollis.map';
const unloadDelayMs = 100;
/**
 * When each reconnect happens, counted from the previous client's close: before, around and after
 * the moment the server unloads. Waiting here is the point of the test, not a guess. With SQLite
 * the unload runs in one turn after its timer, so the window is narrow; room-registry.spec.ts
 * widens it with a slow store.
 */
const reconnectAfterMs = [60, 90, 95, 98, 100, 101, 102, 103, 104, 106, 108, 110, 115, 120, 150, 200];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const textsOf = (doc: Y.Doc) => readCards(doc).map((card) => card.text);

describe('reconnecting while a document unloads', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      env: { DOCUMENT_UNLOAD_DELAY_MS: String(unloadDelayMs), LOG_LEVEL: 'debug' },
    });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[SYNC6] a client arriving around the unload always gets the complete state and keeps its edits', async () => {
    const seeded = textsOf(storedDoc(server.dataDir, demo));
    const written: string[] = [];
    for (const [attempt, delay] of reconnectAfterMs.entries()) {
      // The peer sends its sync step 1 the moment it opens, possibly while the unload runs.
      const peer = new StoringPeer(server.wsUrl, demo);
      try {
        await eventually(() => expect(peer.synced).toBe(true));
        const texts = textsOf(peer.doc);
        expect(texts, `attempt ${attempt} (${delay} ms)`).toHaveLength(seeded.length + written.length);
        expect(texts).toEqual(expect.arrayContaining([...seeded, ...written]));

        // A peer that joined a document being torn down would never have this edit stored.
        const text = `attempt ${attempt}`;
        addCard(peer.doc, { domain: 'goals', text, author: 'Peer', perspective: 'family' });
        await eventually(() => expect(peer.allStored(), `attempt ${attempt} stored`).toBe(true));
        written.push(text);
      } finally {
        peer.close();
      }
      await peer.socket.closed;
      await wait(delay);
    }

    // The document really was unloaded between attempts, and nothing failed on the way.
    expect((server.output().match(/document unloaded/g) ?? []).length).toBeGreaterThan(3);
    expect(server.output()).not.toMatch(/"level":(50|60)/);
    await eventually(() =>
      expect(textsOf(storedDoc(server.dataDir, demo))).toEqual(expect.arrayContaining(written)),
    );
  });

  it('[SYNC6] a burst of clients arriving as the document unloads all get the complete state', async () => {
    const writer = new StoringPeer(server.wsUrl, demo);
    await eventually(() => expect(writer.synced).toBe(true));
    addCard(writer.doc, { domain: 'goals', text: 'before the burst', author: 'Peer', perspective: 'family' });
    await eventually(() => expect(writer.allStored()).toBe(true));
    const expected = textsOf(writer.doc);
    writer.close();
    await writer.socket.closed;

    const peers: StoringPeer[] = [];
    const started = Date.now();
    for (let offset = unloadDelayMs - 4; offset <= unloadDelayMs + 8; offset++) {
      await wait(Math.max(0, started + offset - Date.now()));
      peers.push(new StoringPeer(server.wsUrl, demo));
    }
    try {
      for (const [index, peer] of peers.entries()) {
        await eventually(() => expect(peer.synced).toBe(true));
        expect(textsOf(peer.doc), `peer ${index}`).toEqual(expected);
      }
      for (const [index, peer] of peers.entries())
        addCard(peer.doc, { domain: 'goals', text: `burst ${index}`, author: 'Peer', perspective: 'family' });
      for (const [index, peer] of peers.entries())
        await eventually(() => expect(peer.allStored(), `peer ${index} stored`).toBe(true));
    } finally {
      for (const peer of peers) peer.close();
    }
  });
});
