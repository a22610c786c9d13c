import type * as Y from 'yjs';
import { eventually } from './eventually.ts';
import { startServer, type TestServer } from './server.ts';
import { createMeetings, makeDataDir, storedDoc } from './store-fixtures.ts';
import { connectStockClient, type StockClient } from './yjs-client.ts';

export interface StampedeResult {
  clients: number;
  meetings: number;
  /** From the restarted server listening to the last client synced again. */
  backInSyncMs: number;
  /** Close codes the server sent (4000+), e.g. 4429 from a limit: there should be none. */
  refusals: number[];
  /** Acknowledged (stored) edits that a client or the store no longer holds afterwards. */
  lost: number;
}

const cards = (doc: Y.Doc) => doc.getMap('cards');

/**
 * [SYNC20] Stock clients across many meetings, each with a stored edit; the server is killed
 * (SIGKILL) and restarted on the same port and data; times until every client has synced again
 * and checks that no acknowledged edit is missing and no client was refused.
 */
export async function reconnectStampede(options: {
  meetings: number;
  clientsPerMeeting: number;
  /** Benchmarks: the server's cores (a taskset list). */
  cpus?: string;
}): Promise<StampedeResult> {
  const data = makeDataDir();
  const env = { SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
  const cpus = options.cpus === undefined ? {} : { cpus: options.cpus };
  const ids = Array.from({ length: options.meetings }, (_, i) => `stampede-${String(i).padStart(3, '0')}`);
  await createMeetings(data.dataDir, ids);
  let server: TestServer = await startServer({ dataDir: data.dataDir, env, ...cpus });
  const clients: { client: StockClient; meeting: string; key: string }[] = [];
  const refusals: number[] = [];
  try {
    for (const meeting of ids)
      for (let i = 0; i < options.clientsPerMeeting; i++) {
        const client = connectStockClient(server.wsUrl, `${meeting}.map`);
        client.provider.on('connection-close', (event: CloseEvent | null) => {
          if (event && event.code >= 4000) refusals.push(event.code);
        });
        clients.push({ client, meeting, key: `edit-${i}` });
      }
    await Promise.all(clients.map(({ client }) => client.synced));
    for (const { client, key } of clients) cards(client.doc).set(key, 'before the kill');
    // Acknowledged: the store holds every edit before the process dies.
    await eventually(() => {
      for (const meeting of ids)
        if (cards(storedDoc(data.dataDir, `${meeting}.map`)).size !== options.clientsPerMeeting)
          throw new Error(`${meeting} not stored yet`);
    }, 30_000);

    await server.kill();
    const resynced = clients.map(
      ({ client }) =>
        new Promise<void>((resolve) =>
          client.provider.on('sync', (isSynced: boolean) => isSynced && resolve()),
        ),
    );
    server = await startServer({ dataDir: data.dataDir, env, port: server.port, ...cpus });
    const listening = performance.now();
    await Promise.all(resynced);
    const backInSyncMs = performance.now() - listening;

    let lost = 0;
    for (const { client, meeting } of clients) {
      const peers = clients.filter((other) => other.meeting === meeting);
      for (const peer of peers) if (cards(client.doc).get(peer.key) !== 'before the kill') lost++;
    }
    for (const meeting of ids)
      lost += options.clientsPerMeeting - cards(storedDoc(data.dataDir, `${meeting}.map`)).size;
    return { clients: clients.length, meetings: ids.length, backInSyncMs, refusals, lost };
  } finally {
    for (const { client } of clients) client.destroy();
    await server.dispose();
    data.remove();
  }
}
