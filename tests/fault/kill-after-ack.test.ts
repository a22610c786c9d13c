import { addCard, readCards } from '@kinboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { StoringPeer } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { makeDataDir } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';

describe('acknowledged edits survive SIGKILL', () => {
  let data: ReturnType<typeof makeDataDir>;
  let server: TestServer;
  const clients: StockClient[] = [];
  const peers: StoringPeer[] = [];

  beforeEach(async () => {
    data = makeDataDir();
    server = await startServer({ dataDir: data.dataDir });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const peer of peers.splice(0)) peer.close();
    await server.dispose();
    data.remove();
  });

  async function cardTextsAfterRestart(): Promise<string[]> {
    server = await server.restart();
    const reader = connectStockClient(server.wsUrl, demo);
    clients.push(reader);
    await reader.synced;
    return readCards(reader.doc).map((card) => card.text);
  }

  it('[SYNC2] an update relayed to a second client, then SIGKILL, is there after restart', async () => {
    const a = connectStockClient(server.wsUrl, demo);
    const b = connectStockClient(server.wsUrl, demo);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    const texts = Array.from({ length: 20 }, (_, i) => `relayed edit ${i}`);
    for (const text of texts) addCard(a.doc, { domain: 'goals', text, author: 'A', perspective: 'family' });
    // Seen by B means relayed, and relayed means stored [SYNC3]; kill the moment it is seen.
    await eventually(
      () => expect(readCards(b.doc).map((card) => card.text)).toEqual(expect.arrayContaining(texts)),
      10_000,
      1,
    );
    await server.kill();
    expect(await cardTextsAfterRestart()).toEqual(expect.arrayContaining(texts));
  });

  it('[SYNC2] edits acknowledged with `stored`, then SIGKILL mid-stream, are all there after restart', async () => {
    const peer = new StoringPeer(server.wsUrl, demo);
    peers.push(peer);
    await eventually(() => expect(peer.synced).toBe(true));

    // Edit continuously; note each card's clock so its acknowledgement can be read exactly.
    const clockOf = new Map<string, number>();
    let n = 0;
    const timer = setInterval(() => {
      if (peer.socket.ws.readyState !== peer.socket.ws.OPEN) return;
      const text = `stored edit ${n++}`;
      addCard(peer.doc, { domain: 'nextSteps', text, author: 'Peer', perspective: 'professional' });
      clockOf.set(text, peer.clock);
    }, 2);
    try {
      await eventually(() => expect(n).toBeGreaterThan(40), 10_000);
      // Everything acknowledged up to the moment of the kill must survive it.
      await eventually(() => expect(peer.storedClock).toBeGreaterThan(0), 10_000, 1);
      const killing = server.kill();
      const acknowledged = [...clockOf]
        .filter(([, clock]) => clock <= peer.storedClock)
        .map(([text]) => text);
      await killing;
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(await cardTextsAfterRestart()).toEqual(expect.arrayContaining(acknowledged));
    } finally {
      clearInterval(timer);
    }
  });
});
