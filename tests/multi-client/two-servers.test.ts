import { addCard, readCards } from '@kinboard/shared';
import { openPostgresStore } from '@kinboard/server/store/open-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startCluster, whyClusterUnavailable, type TestCluster } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';
const unavailable = await whyClusterUnavailable();
const inCi = Boolean(process.env['CI']);
if (unavailable) console.warn(`kinboard: two-server tests ${inCi ? 'fail' : 'skipped'}: ${unavailable}`);

if (unavailable !== undefined && inCi)
  describe('two servers, in CI', () => {
    it('has PostgreSQL and Redis', () => {
      throw new Error(unavailable);
    });
  });

const cardTexts = (client: StockClient) => readCards(client.doc).map((card) => card.text);

describe.skipIf(unavailable !== undefined)('two servers, one meeting (REDIS_URL)', () => {
  let cluster: TestCluster;
  const clients: StockClient[] = [];

  beforeAll(async () => {
    // A small compaction threshold, so both servers fold the log while both write it.
    cluster = await startCluster(2, { env: { COMPACT_AFTER_UPDATES: '10' } });
  }, 60_000);
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.dispose();
  });

  function connect(serverIndex: number, documentName = demo): StockClient {
    const client = connectStockClient(cluster.servers[serverIndex]!.wsUrl, documentName);
    clients.push(client);
    return client;
  }

  it('[CLUSTER1] [CLUSTER2] edits cross both ways, and PostgreSQL holds every one once both servers compacted', async () => {
    for (const server of cluster.servers)
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({
        status: 'ok',
        store: 'ok',
        redis: 'ok',
      });
    const chair = connect(0);
    const phones = [connect(1), connect(1)];
    await Promise.all([chair.synced, ...phones.map((phone) => phone.synced)]);

    const fromChair = 'Worry: Maisie is alone after school (said on server A)';
    addCard(chair.doc, {
      domain: 'futureDanger',
      text: fromChair,
      author: 'Chair',
      perspective: 'professional',
    });
    for (const phone of phones)
      await eventually(() => expect(cardTexts(phone)).toContain(fromChair), 5_000, 2);

    const fromPhones = phones.flatMap((phone, index) =>
      Array.from({ length: 15 }, (_, each) => {
        const text = `Nan walks them home, phone ${index} note ${each} (server B)`;
        addCard(phone.doc, { domain: 'goals', text, author: `Phone ${index}`, perspective: 'family' });
        return text;
      }),
    );
    const everything = [fromChair, ...fromPhones];
    for (const client of [chair, ...phones])
      await eventually(() => expect(cardTexts(client)).toEqual(expect.arrayContaining(everything)), 10_000);
    // Every screen ends with the same board, whichever server it is on.
    expect(Y.encodeStateVector(chair.doc)).toEqual(Y.encodeStateVector(phones[0]!.doc));

    // Both servers stored and compacted (threshold 10) while the other wrote: nothing is lost.
    const store = await openPostgresStore(cluster.postgresUrl, { schema: cluster.schema.name });
    try {
      await eventually(async () => {
        const doc = new Y.Doc();
        for (const update of (await store.loadDocument(demo)).updates) Y.applyUpdate(doc, update);
        expect(readCards(doc).map((card) => card.text)).toEqual(expect.arrayContaining(everything));
      }, 10_000);
      // The folds run after the writes that trigger them.
      await eventually(async () => expect(await store.countUpdates(demo)).toBeLessThan(31));
    } finally {
      await store.close();
    }
  });

  it('[CLUSTER1] a third server joining later loads the whole board, and presence crosses servers', async () => {
    const onA = connect(0);
    const onB = connect(1);
    await Promise.all([onA.synced, onB.synced]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Chair on A' });
    await eventually(() =>
      expect([...onB.provider.awareness.getStates().values()].map((state) => state['user']?.name)).toContain(
        'Chair on A',
      ),
    );
    const text = 'Written on A just before a reader opens it on B';
    addCard(onA.doc, { domain: 'goals', text, author: 'Chair', perspective: 'professional' });
    const late = connect(1);
    await late.synced;
    await eventually(() => expect(cardTexts(late)).toContain(text));
  });
});

describe.skipIf(unavailable !== undefined)('servers starting together on one new database', () => {
  it('[CLUSTER1] [STORE13] three servers started at once all start: one migrates, one seeds, one makes the administrator', async () => {
    const cluster = await startCluster(3, {
      together: true,
      env: { ADMIN_EMAIL: 'chair@example.org', ADMIN_PASSWORD: 'an admin password of some length' },
    });
    try {
      for (const server of cluster.servers)
        expect((await (await fetch(`${server.url}/healthz`)).json()).status).toBe('ok');
      const reader = connectStockClient(cluster.servers[2]!.wsUrl, demo);
      try {
        await reader.synced;
        expect(readCards(reader.doc).length).toBeGreaterThan(0);
      } finally {
        reader.destroy();
      }
    } finally {
      await cluster.dispose();
    }
  });
});
