import { addCard, readCards } from '@kinboard/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { StoringPeer } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { makeDataDir, storedRows } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';

describe('SIGTERM with edits in flight', () => {
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

  it('[SYNC9] sockets close with 1012, everything acknowledged is kept, and the log is compacted', async () => {
    const peer = new StoringPeer(server.wsUrl, demo);
    peers.push(peer);
    const watcher = connectStockClient(server.wsUrl, demo);
    clients.push(watcher);
    const watcherClose = new Promise<number>((resolve) =>
      watcher.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    await watcher.synced;
    await eventually(() => expect(peer.synced).toBe(true));

    const clockOf = new Map<string, number>();
    let n = 0;
    const timer = setInterval(() => {
      if (peer.socket.ws.readyState !== peer.socket.ws.OPEN) return;
      const text = `in flight ${n++}`;
      addCard(peer.doc, { domain: 'existingSafety', text, author: 'Peer', perspective: 'network' });
      clockOf.set(text, peer.clock);
    }, 2);
    let seenByWatcher: string[] = [];
    watcher.doc.on('update', () => {
      seenByWatcher = readCards(watcher.doc).map((card) => card.text);
    });
    try {
      await eventually(() => expect(n).toBeGreaterThan(40), 10_000);
      await server.stop();
      const closed = await peer.socket.closed;
      expect(closed.code).toBe(1012);
      expect(await watcherClose).toBe(1012);
    } finally {
      clearInterval(timer);
    }
    // Acknowledged: the `stored` messages the peer got, and whatever was relayed to the watcher.
    const acknowledged = [...clockOf].filter(([, clock]) => clock <= peer.storedClock).map(([text]) => text);
    const relayed = seenByWatcher.filter((text) => text.startsWith('in flight'));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(relayed.length).toBeGreaterThan(0);
    expect(server.output()).toContain('stopping (SIGTERM)');
    // Shutdown compacts every open document into one snapshot [SYNC5].
    expect(storedRows(data.dataDir, demo)).toHaveLength(1);

    server = await server.restart();
    const reader = connectStockClient(server.wsUrl, demo);
    clients.push(reader);
    await reader.synced;
    const texts = readCards(reader.doc).map((card) => card.text);
    expect(texts).toEqual(expect.arrayContaining(acknowledged));
    expect(texts).toEqual(expect.arrayContaining(relayed));
  });
});
