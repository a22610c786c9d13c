import { addCard, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyClusterUnavailable, type TestCluster } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from './access-http.ts';

const unavailable = await whyClusterUnavailable();
const inCi = Boolean(process.env['CI']);
if (unavailable)
  console.warn(`kinboard: two-server erasure test ${inCi ? 'fails' : 'skipped'}: ${unavailable}`);

const familyName = 'Wrenfeatherby';
const cardWord = 'Saltmarshling';
const unloadDelayMs = 100;

function closeCodeOf(client: StockClient): Promise<number> {
  return new Promise((resolve) =>
    client.provider.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
  );
}

describe.skipIf(unavailable !== undefined && !inCi)(
  'erasing a family on one server of several (REDIS_URL)',
  () => {
    let cluster: TestCluster;
    const clients: StockClient[] = [];

    beforeAll(async () => {
      cluster = await startCluster(2, {
        env: {
          REQUIRE_SIGN_IN: 'true',
          TRUST_PROXY: 'true',
          ADMIN_EMAIL: 'admin@example.org',
          ADMIN_PASSWORD: adminPassword,
          SEED_DEMO: 'false',
          // No compaction while editing: only unloading would fold (and write) the log.
          COMPACT_AFTER_UPDATES: '10000',
          DOCUMENT_UNLOAD_DELAY_MS: String(unloadDelayMs),
        },
      });
    }, 90_000);
    afterAll(async () => {
      for (const client of clients.splice(0)) client.destroy();
      await cluster?.dispose();
    });

    /** Every row of every table in the shared schema as text, byte columns decoded too. */
    async function everything(): Promise<string> {
      const { sql, name } = cluster.schema;
      const tables = await sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = ${name}`;
      let all = '';
      for (const { table_name } of tables) {
        const rows = await sql<
          { row: string }[]
        >`SELECT t::text AS row FROM ${sql(name)}.${sql(table_name)} t`;
        for (const { row } of rows) {
          all += row;
          for (const [, hex] of row.matchAll(/\\\\x([0-9a-f]+)/g))
            all += Buffer.from(hex ?? '', 'hex').toString('latin1');
        }
      }
      return all;
    }

    it('[ERASE8] a board open on server B closes, B drops the documents unsaved and never writes the family back', async () => {
      const [a, b] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
      const admin = new Browser(a, '10.50.0.1');
      expect(
        (await admin.post('/api/session', { email: 'admin@example.org', password: adminPassword })).status,
      ).toBe(200);
      const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const familyId: string = (await admin.post('/api/families', { name: familyName })).body.family.id;
      const meetingId: string = (
        await admin.post(`/api/families/${familyId}/meetings`, {
          type: 'family-network-meeting',
          date: '2026-12-01',
          title: 'First meeting',
        })
      ).body.meeting.id;
      // The worker prepares the board on server B (a meeting in preparation may be erased): B
      // holds the document in memory with edits it stored and has not folded yet.
      const board = connectStockClient(b.wsUrl, `${meetingId}.map`, { cookie });
      clients.push(board);
      await board.synced;
      for (let i = 0; i < 4; i++)
        addCard(board.doc, {
          domain: 'pastHarm',
          text: `${cardWord} ${i}`,
          author: 'Admin',
          perspective: 'professional',
        });
      await eventually(async () => expect(await everything()).toContain(`${cardWord} 3`));
      const reader = connectStockClient(a.wsUrl, `${meetingId}.map`, { cookie });
      await reader.synced;
      await eventually(() => expect(readCards(reader.doc)).toHaveLength(4));
      reader.destroy();

      // The worker goes on typing on B while A erases, until B closes the connection: nothing
      // typed once erasure began may reach the store.
      let typed = 0;
      const typing = setInterval(() => {
        addCard(board.doc, {
          domain: 'pastHarm',
          text: `${cardWord} late ${typed++}`,
          author: 'Admin',
          perspective: 'professional',
        });
      }, 5);
      const closed = closeCodeOf(board).finally(() => clearInterval(typing));
      expect((await admin.post(`/api/families/${familyId}/erase`, { confirmName: familyName })).status).toBe(
        200,
      );
      expect(await closed).toBeGreaterThan(4000);
      board.destroy();

      // Long past B's unload delay: had B kept the document, unloading would have folded and
      // written it back by now. It wrote nothing: no byte of the family in any table.
      for (let check = 0; check < 5; check++) {
        await new Promise((resolve) => setTimeout(resolve, unloadDelayMs * 4));
        const all = await everything();
        expect(all).not.toContain(cardWord);
        expect(all).not.toContain(familyName);
      }
      expect(b.output()).not.toMatch(/could not compact|compaction failed/);
    }, 40_000);
  },
);
