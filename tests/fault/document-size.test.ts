import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { StoringPeer } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';

const documentName = 'demo-hollis.map';

describe('[SYNC21] a board cannot grow past its size limit', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
  });

  it('refuses the update that would outgrow it with 4413, keeps everything before it, and serves others', async () => {
    server = await startServer({ env: { MAX_DOCUMENT_BYTES: String(64 * 1024) } });
    // Sign-in is off, so each connection is its own participant with its own share [SYNC23]:
    // several writers together fill the board.
    const chunk = 'x'.repeat(10 * 1024);
    for (let i = 1; i <= 5; i++) {
      const writer = new StoringPeer(server.wsUrl, documentName);
      await eventually(() => expect(writer.synced).toBe(true));
      writer.doc.getMap('cards').set(`size-${i}`, chunk);
      await eventually(() => expect(writer.allStored()).toBe(true));
      writer.close();
    }
    const writer = new StoringPeer(server.wsUrl, documentName);
    await eventually(() => expect(writer.synced).toBe(true));
    writer.doc.getMap('cards').set('size-6', chunk);
    const closed = await writer.socket.closed;
    expect(closed.code).toBe(4413);
    writer.close();

    // What fitted is kept and served; what did not was never applied or stored.
    const reader = connectStockClient(server.wsUrl, documentName);
    await reader.synced;
    expect(reader.doc.getMap('cards').get('size-1')).toBe(chunk);
    expect(reader.doc.getMap('cards').has('size-6')).toBe(false);
    reader.destroy();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.stop();
    const stored = storedDoc(server.dataDir, documentName).getMap('cards');
    expect(stored.get('size-2')).toBe(chunk);
    expect(stored.has('size-6')).toBe(false);
  });
});
