/**
 * Scale-out benchmark: how many meetings one Kinboard server holds with edits reaching the other
 * screens at p99 < 100 ms, how many two servers sharing PostgreSQL and Redis hold, and the ratio.
 *
 *   node tests/load/two-servers.ts [--clients 5] [--rate 2] [--seconds 4] [--steps 10,20,40,80,120,160,240]
 *                                  [--placement split|together]
 *   pnpm run bench:all            (runs it after the one-server benchmark)
 *
 * Both setups run the same configuration (PostgreSQL, Redis), so only the number of servers
 * differs. With two, each meeting's screens are spread over both servers (screen i of meeting m
 * on server (m + i) mod 2), so every meeting's edits cross Redis: the worst case for a balancer
 * without sticky sessions. `--placement together` puts each meeting's screens on one server (as
 * if the balancer kept a meeting together), so the servers share the load without relaying it. For each step of the ladder, that many meetings of `clients` stock
 * y-websocket clients each push an edit `rate` times a second: a one-second warm-up, `seconds`
 * measured, then a drain (after one unmeasured run of the first step, to warm up). A step holds when every edit arrived and the p99 latency is under
 * 100 ms; the ladder stops at the first step that does not. Needs PostgreSQL
 * (KINBOARD_TEST_POSTGRES_URL) and a redis-server binary (a Redis of its own on a free port).
 *
 * The load generator runs in this process on the same machine: on a small machine it competes
 * with the servers for the same cores, so the figures are for comparing, not for sizing.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openPostgresStore } from '../../server/src/store/open-store.ts';
import { newTestSchema, testPostgresUrl } from '../../server/src/store/postgres-testing.ts';
import { startRedis, whyClusterUnavailable } from '../helpers/cluster.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { makeDataDir } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const say = (line: string) => process.stdout.write(`bench (two servers): ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const targetP99Ms = 100;

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: process.env['BENCH_CLIENTS'] ?? '5' },
    rate: { type: 'string', default: process.env['BENCH_RATE'] ?? '2' },
    seconds: { type: 'string', default: process.env['BENCH_SECONDS'] ?? '4' },
    steps: { type: 'string', default: process.env['BENCH_STEPS'] ?? '10,20,40,80,120,160,240' },
    placement: { type: 'string', default: process.env['BENCH_PLACEMENT'] ?? 'split' },
  },
});
const perMeeting = Number(values.clients);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const steps = values.steps.split(',').map(Number);
if (values.placement !== 'split' && values.placement !== 'together')
  throw new Error('--placement must be split (each meeting over both servers) or together');
/** `split`: a meeting's screens alternate between the servers; `together`: each meeting on one. */
const placement: 'split' | 'together' = values.placement;
// The first step is run once more beforehand, unmeasured: loading code and documents cold would
// otherwise count against the first step.
const meetingsNeeded = steps[0]! + steps.reduce((sum, step) => sum + step, 0);

const meetingId = (index: number) => `bench-meeting-${String(index).padStart(4, '0')}`;

interface StepResult {
  meetings: number;
  p99: number;
  lost: number;
  holds: boolean;
}

/** One setup (one or two servers) on a fresh schema and Redis; climbs the ladder. */
async function climb(serverCount: number): Promise<StepResult[]> {
  const postgresUrl = testPostgresUrl(process.env);
  const schema = newTestSchema(postgresUrl);
  const redis = await startRedis();
  const dataDir = makeDataDir();
  const servers: TestServer[] = [];
  try {
    // Every meeting of every step exists before the servers start.
    const store = await openPostgresStore(postgresUrl, { schema: schema.name });
    const now = Date.now();
    for (let index = 0; index < meetingsNeeded; index++)
      await store.createMeeting({
        family: { id: `bench-family-${index}`, name: `Bench family ${index}`, createdAt: now },
        meeting: {
          id: meetingId(index),
          familyId: `bench-family-${index}`,
          type: 'family-network-meeting',
          title: `Bench meeting ${index}`,
          date: '2026-11-24',
          state: 'open',
          createdAt: now,
        },
        documents: [],
      });
    await store.close();
    const env = {
      DATABASE_URL: postgresUrl,
      DATABASE_SCHEMA: schema.name,
      REDIS_URL: redis.url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    };
    for (let index = 0; index < serverCount; index++)
      servers.push(await startServer({ dataDir: dataDir.dataDir, env }));

    const results: StepResult[] = [];
    await runStep(servers, 0, steps[0]!);
    let first = steps[0]!;
    for (const meetings of steps) {
      const result = await runStep(servers, first, meetings);
      first += meetings;
      results.push(result);
      say(
        `${serverCount} server${serverCount > 1 ? 's' : ''}, ${meetings} meetings: p99 ${result.p99.toFixed(1)} ms, ${result.lost} lost: ${result.holds ? 'holds' : 'does not hold'}`,
      );
      if (!result.holds) break;
    }
    return results;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await redis.kill();
    await schema.drop();
    dataDir.remove();
  }
}

async function runStep(servers: TestServer[], first: number, meetings: number): Promise<StepResult> {
  const clients: { stock: StockClient; meeting: number }[] = [];
  process.setMaxListeners(Math.max(process.getMaxListeners(), meetings * perMeeting + 20));
  for (let meeting = 0; meeting < meetings; meeting++)
    for (let index = 0; index < perMeeting; index++) {
      const server = servers[(placement === 'split' ? meeting + index : meeting) % servers.length]!;
      clients.push({
        stock: connectStockClient(server.wsUrl, `${meetingId(first + meeting)}.frame`),
        meeting,
      });
    }
  try {
    await Promise.race([
      Promise.all(clients.map((client) => client.stock.synced)),
      sleep(60_000).then(() => {
        throw new Error('clients did not sync within 60 s');
      }),
    ]);
    const sentAt: number[] = [];
    const latencies: number[] = [];
    let measuring = false;
    for (const { stock } of clients)
      stock.doc.getArray<number>('agenda').observe((event, transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const change of event.changes.delta)
          for (const id of (change.insert as number[] | undefined) ?? [])
            if (id >= 0 && sentAt[id] !== undefined) latencies.push(now - sentAt[id]);
      });
    // Each client sends at its own phase of the interval, so the load is steady.
    const interval = 1000 / rate;
    const start = performance.now();
    const warmupEnd = start + 1000;
    const end = warmupEnd + seconds * 1000;
    const nextDue = clients.map((_, index) => start + (index / clients.length) * interval);
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        measuring = now >= warmupEnd;
        for (const [index, { stock }] of clients.entries())
          while (nextDue[index]! <= now && nextDue[index]! < end) {
            nextDue[index]! += interval;
            if (!measuring) stock.doc.getArray<number>('agenda').push([-1]);
            else {
              const id = sentAt.length;
              sentAt.push(performance.now());
              stock.doc.getArray<number>('agenda').push([id]);
            }
          }
        if (now < end) setTimeout(tick, 2);
        else resolve();
      };
      tick();
    });
    const expected = sentAt.length * (perMeeting - 1);
    const drainUntil = performance.now() + 5_000;
    while (latencies.length < expected && performance.now() < drainUntil) await sleep(20);
    const sorted = latencies.toSorted((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Infinity;
    const lost = expected - latencies.length;
    return { meetings, p99, lost, holds: lost === 0 && p99 < targetP99Ms };
  } finally {
    for (const { stock } of clients) stock.destroy();
    // Let the servers see the clients go before the next step.
    await sleep(500);
  }
}

function held(results: StepResult[]): number {
  return results.filter((result) => result.holds).at(-1)?.meetings ?? 0;
}

async function main(): Promise<number> {
  const unavailable = await whyClusterUnavailable();
  if (unavailable) {
    say(`cannot run: ${unavailable}`);
    return process.env['CI'] ? 1 : 0;
  }
  say(
    `${perMeeting} screens a meeting, each editing ${rate}×/s; ladder ${steps.join(', ')} meetings; with two servers each meeting's screens are ${placement === 'split' ? 'split over both' : 'on one server'}`,
  );
  const one = held(await climb(1));
  const two = held(await climb(2));
  say(`meetings held at p99 < ${targetP99Ms} ms: one server ${one}, two servers ${two}`);
  say(`ratio two/one: ${one > 0 ? (two / one).toFixed(2) : 'n/a (one server held none)'}`);
  const top = steps.at(-1)!;
  if (one === top || two === top)
    say(`(at least: the ladder stopped at ${top}; pass a longer --steps to find the limit)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
