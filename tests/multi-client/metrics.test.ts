import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addCard, closeCodes } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyClusterUnavailable } from '../helpers/cluster.ts';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { openRawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const token = 'metrics-token-for-the-test-0123456789';
const demoMeeting = 'demo-hollis';

/** Every name the demo family's record holds: none of them may appear in the figures. */
function demoNames(): string[] {
  const file = path.resolve(import.meta.dirname, '../../server/src/seed/hollis-family.json');
  const names = [...readFileSync(file, 'utf8').matchAll(/"name":\s*"([^"]+)"/g)].map((match) => match[1]!);
  return [...new Set([...names, ...names.flatMap((name) => name.split(' '))])];
}

/** One sample's value, by metric name and exact labels (`{}` for none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z0-9_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = (match[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (got === wanted) return Number(match[3]);
  }
  return undefined;
}

describe('the operator’s figures at /metrics [OPS1]-[OPS3]', () => {
  let server: TestServer;
  let metricsPort: number;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];
  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    server = await startServer({ env: { METRICS_TOKEN: token, METRICS_PORT: '0' } });
    metricsPort = Number(/operator's figures at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.output())![1]);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[OPS1] without the bearer token the main port refuses the figures', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('kinboard_');
  });

  it('[OPS1] METRICS_PORT serves the figures on loopback without a token', async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('kinboard_open_meetings');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/session`)).status).toBe(404);
  });

  it('[OPS2] [OPS3] the figures move during a meeting and name no meeting, family or person', async () => {
    const before = await scrape();
    expect(sample(before, 'kinboard_open_meetings')).toBe(0);
    const editsBefore = sample(before, 'kinboard_edits_total') ?? 0;

    // A chair and a phone on socket.io, two boards on sync, and edits from one of them.
    const chair = connectRealtime(server.url);
    const phone = connectRealtime(server.url);
    sockets.push(chair, phone);
    expect((await request(chair, 'meeting:enter', { meetingId: demoMeeting, screen: 'chair' })).ok).toBe(
      true,
    );
    expect((await request(phone, 'meeting:enter', { meetingId: demoMeeting, screen: 'phone' })).ok).toBe(
      true,
    );
    const a = connectStockClient(server.wsUrl, `${demoMeeting}.map`);
    const b = connectStockClient(server.wsUrl, `${demoMeeting}.map`);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    for (let index = 0; index < 5; index++)
      addCard(a.doc, {
        domain: 'futureDanger',
        text: `Worry ${index}`,
        author: 'Dani Hollis',
        perspective: 'family',
      });
    // A refused connection: a document of no meeting is closed with its code.
    const unknown = openRawSocket(`${server.wsUrl}/yjs/no-such-meeting.map`);
    await unknown.opened;

    await eventually(async () => {
      const during = await scrape();
      expect(sample(during, 'kinboard_open_meetings')).toBe(1);
      expect(sample(during, 'kinboard_connections', { transport: 'socketio', role: 'staff' })).toBe(1);
      expect(sample(during, 'kinboard_connections', { transport: 'socketio', role: 'family' })).toBe(1);
      expect(sample(during, 'kinboard_connections', { transport: 'sync', role: 'none' })).toBe(2);
      expect(sample(during, 'kinboard_edits_total')).toBeGreaterThanOrEqual(editsBefore + 5);
      expect(sample(during, 'kinboard_store_write_seconds_count')).toBeGreaterThan(0);
      expect(
        sample(during, 'kinboard_refusals_total', {
          transport: 'sync',
          code: String(closeCodes.unknownDocument),
        }),
      ).toBe(1);
      expect(sample(during, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
      // A single server has no Redis to report.
      expect(during).not.toMatch(/^kinboard_redis_connected /m);

      expect(during).not.toContain(demoMeeting);
      expect(during).not.toMatch(/hollis/i);
      for (const name of demoNames()) expect(during).not.toContain(name);
    });
    unknown.ws.close();
  });
});

describe('/metrics by default [OPS1]', () => {
  it('is not there without METRICS_TOKEN or METRICS_PORT', async () => {
    const server = await startServer();
    try {
      const response = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('kinboard_');
    } finally {
      await server.dispose();
    }
  });
});

describe('[OPS5] Redis’s state in the figures', () => {
  it('is 1 while the server reaches Redis and 0 once Redis is gone', async (context) => {
    const unavailable = await whyClusterUnavailable();
    if (unavailable) return context.skip(unavailable);
    const cluster = await startCluster(1, { env: { METRICS_TOKEN: token } });
    try {
      const [server] = cluster.servers;
      const redisState = async () => {
        const response = await fetch(`${server!.url}/metrics`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return sample(await response.text(), 'kinboard_redis_connected');
      };
      expect(await redisState()).toBe(1);
      await cluster.redis.kill();
      await eventually(async () => expect(await redisState()).toBe(0));
    } finally {
      await cluster.dispose();
    }
  });
});
