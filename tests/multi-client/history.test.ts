import path from 'node:path';
import { addCard, editCardText, readCards, type ItemHistory } from '@kinboard/shared';
import { openPostgresStore, openSqliteStore } from '@kinboard/server/store/open-store';
import {
  newTestSchema,
  testPostgresUrl,
  whyPostgresUnreachable,
  type TestSchema,
} from '@kinboard/server/store/postgres-testing';
import type { Store } from '@kinboard/server/store/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type StartOptions, type TestServer } from '../helpers/server.ts';
import { makeDataDir } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser, staffPassword } from './access-http.ts';

const url = testPostgresUrl(process.env);
const unreachable = await whyPostgresUnreachable(url);
const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

interface StoreUnderTest {
  kind: 'sqlite' | 'postgres';
  skip: boolean;
  env(): Record<string, string>;
  /** The store the server wrote, opened from outside while the server is stopped. */
  open(dataDir: string): Promise<Store>;
  dispose(): Promise<void>;
}

let schema: TestSchema | undefined;
const stores: StoreUnderTest[] = [
  {
    kind: 'sqlite',
    skip: false,
    env: () => ({}),
    open: (dataDir) => openSqliteStore(path.join(dataDir, 'kinboard.db')),
    dispose: async () => {},
  },
  {
    kind: 'postgres',
    skip: unreachable !== undefined && !process.env['CI'],
    env: () => {
      schema ??= newTestSchema(url);
      return { DATABASE_URL: url, DATABASE_SCHEMA: schema.name };
    },
    open: () => openPostgresStore(url, { schema: schema!.name }),
    dispose: async () => {
      await schema?.drop();
    },
  },
];

/**
 * [HISTORY1] [HISTORY2] [HISTORY5] A card written by three people (a family member who adds it,
 * the chair and another staff member, each a stock Yjs client admitted through the real server)
 * keeps all three authors and times in its history after the update log is compacted to one
 * snapshot and the server restarts, on SQLite and on PostgreSQL.
 */
for (const storeUnderTest of stores)
  describe.skipIf(storeUnderTest.skip)(
    `[HISTORY2] who wrote a card survives compaction and restarts: ${storeUnderTest.kind}`,
    () => {
      const data = makeDataDir();
      let options: StartOptions;
      let server: TestServer;
      const clients: StockClient[] = [];

      beforeAll(async () => {
        options = {
          dataDir: data.dataDir,
          env: {
            REQUIRE_SIGN_IN: 'true',
            TRUST_PROXY: 'true',
            ADMIN_EMAIL: 'ada@example.org',
            ADMIN_PASSWORD: adminPassword,
            ADMIN_NAME: 'Ada Chair',
            COMPACT_AFTER_UPDATES: '10',
            DOCUMENT_UNLOAD_DELAY_MS: '100',
            ...storeUnderTest.env(),
          },
        };
        server = await startServer(options);
      });
      afterAll(async () => {
        for (const client of clients.splice(0)) client.destroy();
        await server.dispose();
        await storeUnderTest.dispose();
        data.remove();
      });

      it('lists the three authors with their times after compaction and a restart', async () => {
        const startedAt = Date.now();
        const ada = new Browser(server, '10.9.0.1');
        expect(
          (await ada.post('/api/session', { email: 'ada@example.org', password: adminPassword })).status,
        ).toBe(200);
        const familyId: string = (await ada.post('/api/families', { name: 'Hollis' })).body.family.id;
        const sam = new Browser(server, '10.9.0.2');
        const samId: string = (
          await ada.post('/api/staff', {
            email: 'sam@example.org',
            name: 'Sam Okafor',
            password: staffPassword,
            role: 'staff',
          })
        ).body.staff.id;
        expect((await ada.post(`/api/families/${familyId}/access`, { staffId: samId })).status).toBeLessThan(
          300,
        );
        await sam.post('/api/session', { email: 'sam@example.org', password: staffPassword });
        const meetingId: string = (
          await ada.post(`/api/families/${familyId}/meetings`, {
            type: 'family-network-meeting',
            date: '2026-12-01',
            title: 'History',
          })
        ).body.meeting.id;
        const code: string = (await ada.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
        const nan = new Browser(server, '10.9.0.3');
        const nanId: string = (
          await nan.post('/api/join', { code, name: 'Nan Hollis', relationship: 'grandmother' })
        ).body.participantId;
        expect(
          (await ada.post(`/api/meetings/${meetingId}/participants/${nanId}/admit`, { role: 'family' }))
            .status,
        ).toBe(200);

        const name = `${meetingId}.map`;
        const connect = (browser: Browser) => {
          const client = connectStockClient(server.wsUrl, name, { cookie: cookieOf(browser) });
          clients.push(client);
          return client;
        };
        const [nanClient, adaClient, samClient] = [connect(nan), connect(ada), connect(sam)];
        await Promise.all([nanClient, adaClient, samClient].map((client) => client.synced));
        const textEverywhere = (text: string) =>
          eventually(() => {
            for (const client of [nanClient, adaClient, samClient])
              expect(readCards(client.doc).map((card) => card.text)).toEqual([text]);
          });

        const cardId = addCard(nanClient.doc, {
          domain: 'pastHarm',
          text: 'Dad shouted',
          author: 'Nan Hollis',
          authorId: `guest:${nanId}`,
          perspective: 'family',
        });
        await textEverywhere('Dad shouted');
        // More than COMPACT_AFTER_UPDATES edits, so the log is compacted while the meeting runs.
        for (const word of [' at', ' night', ' in', ' the', ' kitchen'])
          editCardText(adaClient.doc, cardId, `${readCards(adaClient.doc)[0]!.text}${word}`);
        await textEverywhere('Dad shouted at night in the kitchen');
        for (const word of [' on', ' 3', ' May'])
          editCardText(samClient.doc, cardId, `${readCards(samClient.doc)[0]!.text}${word}`);
        await textEverywhere('Dad shouted at night in the kitchen on 3 May');

        // Everyone leaves: the room unloads and folds the log into one snapshot. Then the server stops.
        for (const client of clients.splice(0)) client.destroy();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await server.stop();
        const store = await storeUnderTest.open(data.dataDir);
        try {
          expect(await store.countUpdates(name)).toBe(1);
          expect((await store.loadDocumentHistory(name)).length).toBeGreaterThanOrEqual(9);
        } finally {
          await store.close();
        }

        server = await startServer({ ...options, port: server.port });
        const answer = await ada.get(`/api/meetings/${meetingId}/history`);
        expect(answer.status).toBe(200);
        const card = (answer.body.items as ItemHistory[]).find(
          (item) => item.kind === 'card' && item.id === cardId,
        );
        expect(
          card?.versions.map((version) => [version.change, version.author?.name, version.author?.role]),
        ).toEqual([
          ['added', 'Nan Hollis', 'family'],
          ['changed', 'Ada Chair', 'staff'],
          ['changed', 'Sam Okafor', 'staff'],
        ]);
        expect(card!.versions.map((version) => version.fields['text'])).toEqual([
          'Dad shouted',
          'Dad shouted at night in the kitchen',
          'Dad shouted at night in the kitchen on 3 May',
        ]);
        const times = card!.versions.map((version) => version.at);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(times[0]).toBeGreaterThanOrEqual(startedAt);
        expect(times.at(-1)).toBeLessThanOrEqual(Date.now());
        expect(card!.versions.map((version) => version.author?.participant)).toEqual([
          `guest:${nanId}`,
          expect.stringMatching(/^staff:/),
          `staff:${samId}`,
        ]);

        // Only staff with access to the family read it.
        const guest = await nan.get(`/api/meetings/${meetingId}/history`);
        expect(guest.status).toBe(401);
      });
    },
  );
