import { addCard, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { frames, openRawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';
const maxMessageBytes = 16 * 1024;

describe('oversized messages', () => {
  let server: TestServer;
  let editor: StockClient;
  let watcher: StockClient;

  beforeAll(async () => {
    server = await startServer({ env: { MAX_MESSAGE_BYTES: String(maxMessageBytes) } });
    editor = connectStockClient(server.wsUrl, demo);
    watcher = connectStockClient(server.wsUrl, demo);
    await Promise.all([editor.synced, watcher.synced]);
  });
  afterAll(async () => {
    editor.destroy();
    watcher.destroy();
    await server.dispose();
  });

  it('[SYNC8] a frame over MAX_MESSAGE_BYTES is closed with 1009; other clients keep editing', async () => {
    const socket = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
    await socket.opened;
    socket.send(frames.update(new Uint8Array(maxMessageBytes + 1)));
    expect((await socket.closed).code).toBe(1009);

    addCard(editor.doc, { domain: 'nextSteps', text: 'Still editing', author: 'Sam', perspective: 'family' });
    await eventually(() =>
      expect(readCards(watcher.doc).map((card) => card.text)).toContain('Still editing'),
    );
  });

  it('[SYNC8] a frame exactly at the limit is accepted (and then judged as a message)', async () => {
    const socket = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
    await socket.opened;
    await eventually(() => expect(socket.received.length).toBeGreaterThan(0));
    const frame = new Uint8Array(maxMessageBytes);
    frame[0] = 3; // queryAwareness followed by zeros: the right size, but trailing bytes
    socket.send(frame);
    expect((await socket.closed).code).toBe(4400);
  });

  it('[SYNC8] a stock client whose edit is too large is cut off; the others are not', async () => {
    const big = connectStockClient(server.wsUrl, demo);
    try {
      await big.synced;
      const closed = new Promise<number>((resolve) =>
        big.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)),
      );
      addCard(big.doc, {
        domain: 'pastHarm',
        text: 'x'.repeat(4000),
        author: 'Big',
        perspective: 'professional',
      });
      // 4000 characters fit one card; many such cards in one transaction do not fit one frame.
      big.doc.transact(() => {
        for (let i = 0; i < 8; i++)
          addCard(big.doc, {
            domain: 'pastHarm',
            text: 'y'.repeat(4000),
            author: 'Big',
            perspective: 'professional',
          });
      });
      expect(await closed).toBe(1009);
    } finally {
      big.provider.disconnect();
      big.destroy();
    }
    addCard(editor.doc, { domain: 'nextSteps', text: 'Still here', author: 'Sam', perspective: 'family' });
    await eventually(() => expect(readCards(watcher.doc).map((card) => card.text)).toContain('Still here'));
    expect(readCards(watcher.doc).some((card) => card.text.startsWith('yyyy'))).toBe(false);
  });
});
