import { addCard, cardText, editCardText, readCards } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { frames, openRawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';

describe('stock y-websocket clients', () => {
  let server: TestServer;
  const clients: StockClient[] = [];
  const connect = (name = demo) => {
    const client = connectStockClient(server.wsUrl, name);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[SYNC1] a stock client receives the whole stored demo document', async () => {
    const expected = readCards(storedDoc(server.dataDir, demo));
    expect(expected.length).toBeGreaterThan(5);
    const client = connect();
    await client.synced;
    expect(readCards(client.doc)).toEqual(expected);
  });

  it('[SYNC1] frames sent before the document has loaded wait and are answered in order', async () => {
    const socket = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
    await socket.opened;
    // Sent at once, before the server can have loaded the document: a sync step 1 and an edit.
    const local = new Y.Doc();
    socket.send(frames.syncStep1(local));
    const edit = new Y.Doc();
    addCard(edit, { domain: 'goals', text: 'Sent before load', author: 'Raw', perspective: 'family' });
    socket.send(frames.update(Y.encodeStateAsUpdate(edit)));

    const watcher = connect();
    await eventually(() =>
      expect(readCards(watcher.doc).map((card) => card.text)).toContain('Sent before load'),
    );
    // The first frame the raw socket got is the server's sync step 1, then a step 2 answer.
    expect(socket.received.length).toBeGreaterThanOrEqual(2);
    expect([...socket.received[0]!.slice(0, 2)]).toEqual([0, 0]);
    expect(socket.received.some((frame) => frame[0] === 0 && frame[1] === 1)).toBe(true);
    socket.ws.close();
  });

  it('[SYNC3] two stock clients see each other’s edits', async () => {
    const a = connect();
    const b = connect();
    await Promise.all([a.synced, b.synced]);

    const id = addCard(a.doc, {
      domain: 'existingSafety',
      text: 'Gran has the children on Fridays',
      author: 'Alex Moore',
      perspective: 'network',
    });
    await eventually(() => expect(cardText(b.doc, id)?.toString()).toBe('Gran has the children on Fridays'));

    editCardText(b.doc, id, 'Gran has the children on Fridays and Saturdays');
    await eventually(() =>
      expect(cardText(a.doc, id)?.toString()).toBe('Gran has the children on Fridays and Saturdays'),
    );
    expect(readCards(a.doc)).toEqual(readCards(b.doc));
  });
});
