import { addCard, editCardText, readCards } from '@kinboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createMeeting, makeDataDir, storedDoc, storedRows } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';
const compactAfter = 10;

describe('compaction', () => {
  let data: ReturnType<typeof makeDataDir>;
  let server: TestServer | undefined;
  const clients: StockClient[] = [];
  const connect = (name = demo) => {
    const client = connectStockClient(server!.wsUrl, name);
    clients.push(client);
    return client;
  };
  const start = async (env: Record<string, string>) => {
    server = await startServer({ dataDir: data.dataDir, env });
    return server;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.dispose();
    server = undefined;
    data.remove();
  });

  /** What must be identical before and after compaction: the content and the state vector. */
  const contentOf = (doc: Y.Doc) => ({
    cards: readCards(doc),
    raw: doc.getMap('cards').toJSON(),
    stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(),
  });

  it('[SYNC5] after COMPACT_AFTER_UPDATES stored updates the log shrinks, and a restart shows the same content', async () => {
    data = makeDataDir();
    await start({ COMPACT_AFTER_UPDATES: String(compactAfter), DOCUMENT_UNLOAD_DELAY_MS: '600000' });
    const a = connect();
    const b = connect();
    await Promise.all([a.synced, b.synced]);

    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(addCard(a.doc, { domain: 'goals', text: `goal ${i}`, author: 'A', perspective: 'family' }));
    for (const [i, id] of ids.entries()) editCardText(a.doc, id, `goal ${i}, agreed`);
    ids.slice(0, 5).forEach((id) => a.doc.getMap('cards').delete(id));
    const before = contentOf(a.doc);
    await eventually(() => expect(contentOf(b.doc)).toEqual(before), 10_000);

    // 65 updates were stored, one row each; compaction keeps the log at most one threshold long.
    await eventually(() =>
      expect(storedRows(data.dataDir, demo).length).toBeLessThanOrEqual(compactAfter + 1),
    );
    await eventually(() => expect(contentOf(storedDoc(data.dataDir, demo))).toEqual(before));
    // SIGKILL, so what is on disk is the running server's compaction, not the shutdown's.
    await server!.kill();
    expect(storedRows(data.dataDir, demo).length).toBeLessThanOrEqual(compactAfter + 1);

    server = await server!.restart();
    const reader = connect();
    await reader.synced;
    expect(contentOf(reader.doc)).toEqual(before);
  });

  it('[SYNC5] a long update log is compacted when the document is loaded', async () => {
    data = makeDataDir();
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 50; i++)
      addCard(author, {
        domain: 'existingStrengths',
        text: `strength ${i}`,
        author: 'Pat',
        perspective: 'family',
      });
    await createMeeting(data.dataDir, 'long-log', {
      documents: updates.map((update) => ({ documentName: 'long-log.map', update })),
    });
    expect(storedRows(data.dataDir, 'long-log.map')).toHaveLength(50);

    await start({ COMPACT_AFTER_UPDATES: String(compactAfter), SEED_DEMO: 'false' });
    const client = connect('long-log.map');
    await client.synced;
    expect(contentOf(client.doc)).toEqual(contentOf(author));
    await eventually(() => expect(storedRows(data.dataDir, 'long-log.map')).toHaveLength(1));
    expect(contentOf(storedDoc(data.dataDir, 'long-log.map'))).toEqual(contentOf(author));
  });

  it('[SYNC5] unloading a document compacts it', async () => {
    data = makeDataDir();
    await start({ DOCUMENT_UNLOAD_DELAY_MS: '50' });
    const a = connect();
    await a.synced;
    for (let i = 0; i < 5; i++)
      addCard(a.doc, { domain: 'nextSteps', text: `step ${i}`, author: 'A', perspective: 'professional' });
    const before = contentOf(a.doc);
    await eventually(() => expect(storedRows(data.dataDir, demo)).toHaveLength(6));
    a.destroy();
    await eventually(() => expect(storedRows(data.dataDir, demo)).toHaveLength(1));
    expect(contentOf(storedDoc(data.dataDir, demo))).toEqual(before);
  });
});
