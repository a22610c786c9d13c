import type * as Y from 'yjs';
import { processCpuSeconds } from '../load/bench-process.ts';
import { eventually } from './eventually.ts';
import { startServer, type TestServer } from './server.ts';
import { createMeetings, makeDataDir, storedDoc } from './store-fixtures.ts';
import { connectStockClient, type StockClient } from './yjs-client.ts';

export interface StampedeResult {
  clients: number;
  meetings: number;
  /** From the restarted server listening to the last client synced again. */
  backInSyncMs: number;
  /**
   * From the first client's socket opening again to the last client synced: the server's part
   * of the storm, without the wait for the clients' next retry (their backoff).
   */
  firstOpenToLastSyncMs: number;
  /** Each client's own wait from its socket opening to its sync, at the median and the slowest. */
  openToSyncMs: { p50: number; max: number };
  /** The restarted server's CPU time (every thread) from listening to the last sync, if known. */
  serverCpuMs: number | undefined;
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
    const opened: number[] = [];
    const waits: number[] = [];
    const resynced = clients.map(({ client }) => {
      let openedAt: number | undefined;
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status !== 'connected') return;
        openedAt = performance.now();
        opened.push(openedAt);
      });
      return new Promise<number>((resolve) =>
        client.provider.on('sync', (isSynced: boolean) => {
          if (!isSynced) return;
          const now = performance.now();
          if (openedAt !== undefined) waits.push(now - openedAt);
          resolve(now);
        }),
      );
    });
    server = await startServer({ dataDir: data.dataDir, env, port: server.port, ...cpus });
    const listening = performance.now();
    const cpuAtListening = processCpuSeconds(server.pid);
    const syncedAt = await Promise.all(resynced);
    const backInSyncMs = performance.now() - listening;
    const cpuAtSync = processCpuSeconds(server.pid);
    const serverCpuMs =
      cpuAtListening === undefined || cpuAtSync === undefined
        ? undefined
        : (cpuAtSync - cpuAtListening) * 1000;
    const firstOpenToLastSyncMs = Math.max(...syncedAt) - Math.min(...opened);
    waits.sort((a, b) => a - b);
    const openToSyncMs = { p50: waits[Math.floor(waits.length / 2)] ?? 0, max: waits.at(-1) ?? 0 };

    let lost = 0;
    for (const { client, meeting } of clients) {
      const peers = clients.filter((other) => other.meeting === meeting);
      for (const peer of peers) if (cards(client.doc).get(peer.key) !== 'before the kill') lost++;
    }
    for (const meeting of ids)
      lost += options.clientsPerMeeting - cards(storedDoc(data.dataDir, `${meeting}.map`)).size;
    return {
      clients: clients.length,
      meetings: ids.length,
      backInSyncMs,
      firstOpenToLastSyncMs,
      openToSyncMs,
      serverCpuMs,
      refusals,
      lost,
    };
  } finally {
    for (const { client } of clients) client.destroy();
    await server.dispose();
    data.remove();
  }
}
