/**
 * Load benchmark: edit propagation latency through Kinboard's sync server, compared with the
 * classic bare y-websocket reference server (in memory, no persistence) under the same load.
 *
 *   node tests/load/bench.ts [--rooms 40] [--clients 5] [--seconds 20] [--rate 2] ...
 *   pnpm run bench:all -- --rooms 10          (or: npm run bench, scripts/kinboard bench)
 *
 * For each server in turn: start it (Kinboard on a fresh data directory holding one meeting per
 * room, created in the store before the server starts), connect rooms × clients stock
 * y-websocket clients, wait until every one has synced, then let every client push a small
 * edit at a steady rate: first a warm-up (not measured), then the measured window, then a
 * drain period in which nothing is sent and the remaining deliveries may still arrive.
 *
 * Every client lives in this one process, so an edit's send time (performance.now()) and its
 * arrival at each other client of the room are read on the same clock. An edit is one number,
 * its id, pushed onto the room's shared Y.Array; every other client of the room records the
 * id when it arrives. Expected deliveries = measured edits × (clients − 1); whatever has not
 * arrived by the end of the drain period is lost.
 *
 * Exit code: 0 when both servers delivered everything; 1 when something broke (an edit lost,
 * a client that never synced, rooms that did not converge, a server that failed); 2 when the
 * whole run overran its time limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { openSqliteStore } from '../../server/src/store/open-store.ts';
import { startServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import {
  corePlan,
  loopProbe,
  mainThreadCpuSeconds,
  pinLoadGenerator,
  processCpuSeconds,
  readLoopDelay,
  type LoopDelay,
} from './bench-process.ts';

const serverNames = ['kinboard', 'reference'] as const;
type ServerName = (typeof serverNames)[number];

interface Options {
  rooms: number;
  clients: number;
  seconds: number;
  rate: number;
  presence: number;
  warmup: number;
  drain: number;
  rounds: number;
  connectTimeout: number;
  servers: ServerName[];
  json: string | undefined;
}

const usage = `usage: node tests/load/bench.ts [options]   (each option also as an environment variable)
  --rooms N            rooms (documents)                           BENCH_ROOMS     default 40
  --clients N          stock y-websocket clients per room          BENCH_CLIENTS   default 5
  --seconds S          measured window of each run                 BENCH_SECONDS   default 10
  --rate R             edits per second per client                 BENCH_RATE      default 2
  --presence P         presence (awareness) updates/s per client   BENCH_PRESENCE  default 0
  --warmup S           edits before the window, not measured       BENCH_WARMUP    default 3
  --drain S            wait for late deliveries after the window   BENCH_DRAIN     default 5
  --rounds N           runs per server, alternating A B B A ...    BENCH_ROUNDS    default 2
  --connect-timeout S  time allowed for every client to sync       BENCH_CONNECT_TIMEOUT default 60
  --servers LIST       which servers, in order                     BENCH_SERVERS   default kinboard,reference
  --json FILE          also write the results as JSON              BENCH_JSON`;

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rooms: { type: 'string' },
      clients: { type: 'string' },
      seconds: { type: 'string' },
      rate: { type: 'string' },
      presence: { type: 'string' },
      warmup: { type: 'string' },
      drain: { type: 'string' },
      rounds: { type: 'string' },
      'connect-timeout': { type: 'string' },
      servers: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const number = (flag: string | undefined, env: string, fallback: number, min: number, max: number) => {
    const raw = flag ?? process.env[env];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(
        `${env} / --${env.slice('BENCH_'.length).toLowerCase()}: ${raw} is not in ${min}..${max}`,
      );
    }
    return value;
  };
  const servers = (values.servers ?? process.env.BENCH_SERVERS ?? serverNames.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of servers) {
    if (!(serverNames as readonly string[]).includes(name)) {
      throw new UsageError(`unknown server "${name}" (choose from ${serverNames.join(', ')})`);
    }
  }
  if (servers.length === 0) throw new UsageError('no server to run');
  return {
    rooms: Math.round(number(values.rooms, 'BENCH_ROOMS', 40, 1, 1000)),
    clients: Math.round(number(values.clients, 'BENCH_CLIENTS', 5, 2, 100)),
    seconds: number(values.seconds, 'BENCH_SECONDS', 10, 1, 600),
    rate: number(values.rate, 'BENCH_RATE', 2, 0.1, 100),
    presence: number(values.presence, 'BENCH_PRESENCE', 0, 0, 100),
    warmup: number(values.warmup, 'BENCH_WARMUP', 3, 0, 60),
    drain: number(values.drain, 'BENCH_DRAIN', 5, 0.5, 60),
    rounds: Math.round(number(values.rounds, 'BENCH_ROUNDS', 2, 1, 20)),
    connectTimeout: number(values['connect-timeout'], 'BENCH_CONNECT_TIMEOUT', 60, 1, 600),
    servers: servers as ServerName[],
    json: values.json ?? process.env.BENCH_JSON,
  };
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Servers under test

interface RunningServer {
  wsUrl: string;
  pid: number | undefined;
  /** Everything the process printed so far (the loop probe answers there). */
  output(): string;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

function meetingId(room: number): string {
  return `bench-room-${String(room).padStart(4, '0')}`;
}

function documentName(room: number): string {
  // The frame document: its `agenda` root is the board's one list, and the server refuses roots
  // the board does not have [SYNC12].
  return `${meetingId(room)}.frame`;
}

/** Kinboard on a fresh data directory with one open meeting per room, made before it starts. */
async function startKinboard(rooms: number): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kinboard-bench-'));
  try {
    const store = await openSqliteStore(path.join(dataDir, 'kinboard.db'));
    const now = Date.now();
    for (let room = 0; room < rooms; room++) {
      await store.createMeeting({
        family: { id: `bench-family-${room}`, name: `Bench family ${room}`, createdAt: now },
        meeting: {
          id: meetingId(room),
          familyId: `bench-family-${room}`,
          type: 'family-network-meeting',
          title: `Load benchmark room ${room}`,
          date: '2026-11-24',
          state: 'open',
          createdAt: now,
        },
        documents: [],
      });
    }
    await store.close();
    const server = await startServer({
      dataDir,
      env: { SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
      cpus: corePlan()?.server,
      preload: loopProbe,
    });
    return {
      wsUrl: server.wsUrl,
      pid: server.pid,
      output: () => server.output(),
      stop: async () => {
        await server.stop();
        const output = server.output().trim();
        if (/"level":(50|60)|error/i.test(output)) say(`kinboard printed:\n${indent(output)}`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The bare y-websocket@1.5.4 reference server, in memory, as its own process. */
async function startReference(): Promise<RunningServer> {
  const env = { ...process.env };
  delete env.YPERSISTENCE;
  delete env.CALLBACK_URL;
  const node = [
    process.execPath,
    '--import',
    loopProbe,
    path.join(import.meta.dirname, 'reference-server.ts'),
  ];
  const cpus = corePlan()?.server;
  // taskset execs node in its place, so the child's pid is the server's.
  const command = cpus ? ['taskset', '-c', cpus, ...node] : node;
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /reference: listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`reference server exited (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`reference server did not start:\n${output}`)), 20_000).unref();
  });
  const version = /reference: (yjs \S+, persistence \S+)/.exec(output)?.[1] ?? 'yjs version unknown';
  say(`reference server: y-websocket 1.5.4 bin/utils.js, ${version}`);
  if (!/yjs 13\./.test(version)) say('WARNING: the reference does not run yjs 13; the comparison is off');
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid,
    output: () => output,
    stop: async () => {
      if (!hasExited(child)) child.kill('SIGTERM');
      await exited;
    },
  };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; reported as "n/a" elsewhere)

function childPids(): Set<number> {
  const pids = new Set<number>();
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      const text = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8');
      for (const pid of text.split(/\s+/)) if (pid) pids.add(Number(pid));
    }
  } catch {
    // Not Linux: no per-process CPU figures.
  }
  return pids;
}

// ---------------------------------------------------------------------------------------------
// One run against one server

interface Result {
  server: ServerName;
  rooms: number;
  clients: number;
  editsSent: number;
  warmupEdits: number;
  expected: number;
  received: number;
  lost: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  connectMs: number;
  drainMs: number;
  stopMs: number;
  synced: boolean;
  convergedRooms: number;
  disconnects: number;
  closeCodes: Record<string, number>;
  sendLagMs: { p99: number; max: number };
  loopDelayMs: { p99: number; max: number };
  serverCpuPercent: number | undefined;
  /** Server CPU time over the window divided by the edits sent in it, in microseconds. */
  serverCpuUsPerEdit: number | undefined;
  /** The same for the server's main thread (its event loop) alone; the rest is its other threads. */
  serverMainUsPerEdit: number | undefined;
  /** The server's own event-loop delay over the window (its loop probe). */
  serverLoopMs: LoopDelay | undefined;
  loadgenCpuPercent: number;
  errors: string[];
  /** Every measured latency, sorted; pooled across rounds, left out of the JSON. */
  samples: Float64Array;
  runs: number;
}

interface Client {
  room: number;
  index: number;
  stock: StockClient;
  array: Y.Array<number>;
}

const warmupId = -1;

async function runOne(name: ServerName, options: Options): Promise<Result> {
  const { rooms, clients: perRoom, rate, seconds, warmup, drain } = options;
  const total = rooms * perRoom;
  const errors: string[] = [];
  say(`${name}: starting the server`);
  const server = name === 'kinboard' ? await startKinboard(rooms) : await startReference();
  const clients: Client[] = [];
  // Each stock provider adds a process 'exit' listener in Node; hundreds are expected here.
  process.setMaxListeners(Math.max(process.getMaxListeners(), total + 20));
  let stopped = false;
  try {
    // Connect every client at once and time until the last one has synced.
    const closeCodes: Record<string, number> = {};
    let disconnects = 0;
    let phase: 'connecting' | 'running' | 'teardown' = 'connecting';
    const connectStart = performance.now();
    for (let room = 0; room < rooms; room++) {
      for (let index = 0; index < perRoom; index++) {
        const stock = connectStockClient(server.wsUrl, documentName(room));
        const client: Client = { room, index, stock, array: stock.doc.getArray<number>('agenda') };
        stock.provider.on('connection-close', (event: CloseEvent | null) => {
          if (phase === 'teardown') return;
          const code = String(event?.code ?? 'local');
          closeCodes[code] = (closeCodes[code] ?? 0) + 1;
        });
        stock.provider.on('status', ({ status }: { status: string }) => {
          if (status === 'disconnected' && phase === 'running') disconnects++;
        });
        clients.push(client);
      }
    }
    const syncDeadline = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), options.connectTimeout * 1000).unref(),
    );
    const allSynced = Promise.all(clients.map((client) => client.stock.synced)).then(() => 'synced' as const);
    const synced = (await Promise.race([allSynced, syncDeadline])) === 'synced';
    const connectMs = performance.now() - connectStart;
    if (!synced) {
      const missing = clients.filter((client) => !client.stock.provider.synced).length;
      errors.push(`${missing} of ${total} clients had not synced after ${options.connectTimeout} s`);
      say(`${name}: ${missing} of ${total} clients never synced; close codes ${JSON.stringify(closeCodes)}`);
    } else {
      say(`${name}: ${total} clients connected and synced in ${connectMs.toFixed(0)} ms`);
    }
    phase = 'running';

    // Bookkeeping for the measured edits, sized for the most that can be sent.
    const interval = 1000 / rate;
    const maxEdits = Math.ceil(total * rate * seconds) + total;
    const sentAt = new Float64Array(maxEdits);
    const latencies = new Float64Array(maxEdits * (perRoom - 1));
    let received = 0;
    let editsSent = 0;
    let warmupEdits = 0;

    for (const client of clients) {
      client.array.observe((event, transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const change of event.changes.delta) {
          if (!change.insert) continue;
          for (const id of change.insert as number[]) {
            if (id === warmupId || id < 0 || id >= editsSent) continue;
            latencies[received++] = now - sentAt[id]!;
          }
        }
      });
    }

    // A steady schedule: client i sends at phase i/total of each interval. One timer checks
    // which edits are due; when it runs late, the overdue edits go out at once (never skipped),
    // and the lag is recorded, so a saturated load generator shows instead of hiding.
    const scheduleStart = performance.now() + 50;
    const measureStart = scheduleStart + warmup * 1000;
    const measureEnd = measureStart + seconds * 1000;
    const nextDue = Float64Array.from(clients, (_client, i) => scheduleStart + (i / total) * interval);
    // Presence (a cursor position in the client's awareness), on its own steady schedule.
    const presenceInterval = options.presence > 0 ? 1000 / options.presence : Infinity;
    const nextPresence = Float64Array.from(
      clients,
      (_client, i) => scheduleStart + ((i + 0.5) / total) * presenceInterval,
    );
    let presenceSent = 0;
    const sendLags: number[] = [];
    const loopResolutionMs = 10;
    const loopDelay = monitorEventLoopDelay({ resolution: loopResolutionMs });
    let cpuAtStart: NodeJS.CpuUsage | undefined;
    let serverCpuAtStart: number | undefined;
    let serverMainAtStart: number | undefined;
    let serverMainSeconds: number | undefined;
    let measuredWallMs = 0;
    let loadgenCpuSeconds = 0;
    let serverCpuSeconds: number | undefined;

    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        if (cpuAtStart === undefined && now >= measureStart) {
          cpuAtStart = process.cpuUsage();
          serverCpuAtStart = processCpuSeconds(server.pid);
          serverMainAtStart = mainThreadCpuSeconds(server.pid);
          loopDelay.enable();
          // Starts the server's loop-probe window (the figures it answers are the warm-up's).
          void readLoopDelay(server.pid, server.output);
        }
        let pending = false;
        for (let i = 0; i < clients.length; i++) {
          const client = clients[i]!;
          while (nextDue[i]! <= now && nextDue[i]! < measureEnd) {
            const due = nextDue[i]!;
            nextDue[i] = due + interval;
            if (due < measureStart) {
              client.array.push([warmupId]);
              warmupEdits++;
            } else if (editsSent < maxEdits) {
              const id = editsSent++;
              sentAt[id] = performance.now();
              sendLags.push(sentAt[id]! - due);
              client.array.push([id]);
            }
          }
          while (nextPresence[i]! <= now && nextPresence[i]! < measureEnd) {
            nextPresence[i] = nextPresence[i]! + presenceInterval;
            client.stock.provider.awareness.setLocalStateField('cursor', { x: presenceSent++, y: i });
          }
          if (nextDue[i]! < measureEnd) pending = true;
        }
        if (pending || now < measureEnd) {
          setTimeout(tick, 2);
          return;
        }
        loopDelay.disable();
        measuredWallMs = now - measureStart;
        const usage = process.cpuUsage(cpuAtStart);
        loadgenCpuSeconds = (usage.user + usage.system) / 1e6;
        const serverNow = processCpuSeconds(server.pid);
        if (serverNow !== undefined && serverCpuAtStart !== undefined) {
          serverCpuSeconds = serverNow - serverCpuAtStart;
        }
        const mainNow = mainThreadCpuSeconds(server.pid);
        if (mainNow !== undefined && serverMainAtStart !== undefined)
          serverMainSeconds = mainNow - serverMainAtStart;
        resolve();
      };
      setTimeout(tick, 50);
    });
    const serverLoopMs = await readLoopDelay(server.pid, server.output);

    // Drain: nothing is sent any more; wait for the last deliveries or the time limit.
    const expected = editsSent * (perRoom - 1);
    const drainStart = performance.now();
    while (received < expected && performance.now() - drainStart < drain * 1000) {
      await sleep(20);
    }
    const drainMs = performance.now() - drainStart;
    const lost = expected - received;

    // Every client of a room must end with the same document.
    let convergedRooms = 0;
    for (let room = 0; room < rooms; room++) {
      const members = clients.filter((client) => client.room === room);
      const first = Buffer.from(Y.encodeStateVector(members[0]!.stock.doc));
      const lengths = new Set(members.map((client) => client.array.length));
      const same = members.every((client) => first.equals(Y.encodeStateVector(client.stock.doc)));
      if (same && lengths.size === 1) convergedRooms++;
    }

    const sorted = latencies.subarray(0, received).sort();
    const lagSorted = Float64Array.from(sendLags).sort();
    const cpuPercent = (seconds: number) => (100 * seconds) / (measuredWallMs / 1000);
    const result: Result = {
      server: name,
      rooms,
      clients: total,
      editsSent,
      warmupEdits,
      expected,
      received,
      lost,
      latencyMs: {
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
        max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
        mean: sorted.length > 0 ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : NaN,
      },
      connectMs,
      drainMs,
      stopMs: 0,
      synced,
      convergedRooms,
      disconnects,
      closeCodes,
      sendLagMs: { p99: percentile(lagSorted, 0.99), max: lagSorted[lagSorted.length - 1] ?? NaN },
      // The histogram holds the time between its timer's runs; the delay is what exceeds the period.
      loopDelayMs: {
        p99: Math.max(0, loopDelay.percentile(99) / 1e6 - loopResolutionMs),
        max: Math.max(0, loopDelay.max / 1e6 - loopResolutionMs),
      },
      serverCpuPercent: serverCpuSeconds === undefined ? undefined : cpuPercent(serverCpuSeconds),
      serverCpuUsPerEdit:
        serverCpuSeconds === undefined || editsSent === 0 ? undefined : (serverCpuSeconds * 1e6) / editsSent,
      serverMainUsPerEdit:
        serverMainSeconds === undefined || editsSent === 0
          ? undefined
          : (serverMainSeconds * 1e6) / editsSent,
      serverLoopMs,
      loadgenCpuPercent: cpuPercent(loadgenCpuSeconds),
      errors,
      samples: sorted,
      runs: 1,
    };
    if (lost > 0) errors.push(`${lost} of ${expected} deliveries never arrived`);
    if (convergedRooms < rooms) errors.push(`${rooms - convergedRooms} of ${rooms} rooms did not converge`);
    say(
      `${name}: ${editsSent} edits measured, ${received}/${expected} delivered, p50 ${fmt(result.latencyMs.p50)} ms`,
    );
    phase = 'teardown';
    for (const client of clients) client.stock.destroy();
    clients.length = 0;
    const stopStart = performance.now();
    stopped = true;
    await server.stop();
    result.stopMs = performance.now() - stopStart;
    return result;
  } finally {
    for (const client of clients) client.stock.destroy();
    if (!stopped) await server.stop().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

/** One server's runs as one: counts add up, latencies are pooled, the worst of the rest is kept. */
function pool(runs: Result[]): Result {
  if (runs.length === 1) return runs[0]!;
  const samples = new Float64Array(runs.reduce((sum, run) => sum + run.samples.length, 0));
  let offset = 0;
  for (const run of runs) {
    samples.set(run.samples, offset);
    offset += run.samples.length;
  }
  samples.sort();
  const sum = (pick: (run: Result) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const worst = (pick: (run: Result) => number) => Math.max(...runs.map(pick));
  const mean = (pick: (run: Result) => number | undefined) => {
    const values = runs.map(pick);
    return values.some((value) => value === undefined)
      ? undefined
      : values.reduce((total: number, value) => total + value!, 0) / values.length;
  };
  const closeCodes: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.closeCodes))
      closeCodes[code] = (closeCodes[code] ?? 0) + count;
  }
  return {
    server: runs[0]!.server,
    rooms: runs[0]!.rooms,
    clients: runs[0]!.clients,
    editsSent: sum((run) => run.editsSent),
    warmupEdits: sum((run) => run.warmupEdits),
    expected: sum((run) => run.expected),
    received: sum((run) => run.received),
    lost: sum((run) => run.lost),
    latencyMs: {
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      p99: percentile(samples, 0.99),
      max: samples[samples.length - 1] ?? NaN,
      mean: samples.length > 0 ? samples.reduce((total, value) => total + value, 0) / samples.length : NaN,
    },
    connectMs: worst((run) => run.connectMs),
    drainMs: worst((run) => run.drainMs),
    stopMs: worst((run) => run.stopMs),
    synced: runs.every((run) => run.synced),
    convergedRooms: Math.min(...runs.map((run) => run.convergedRooms)),
    disconnects: sum((run) => run.disconnects),
    closeCodes,
    sendLagMs: { p99: worst((run) => run.sendLagMs.p99), max: worst((run) => run.sendLagMs.max) },
    loopDelayMs: { p99: worst((run) => run.loopDelayMs.p99), max: worst((run) => run.loopDelayMs.max) },
    serverCpuPercent: mean((run) => run.serverCpuPercent),
    serverCpuUsPerEdit: mean((run) => run.serverCpuUsPerEdit),
    serverMainUsPerEdit: mean((run) => run.serverMainUsPerEdit),
    serverLoopMs: runs.some((run) => run.serverLoopMs === undefined)
      ? undefined
      : {
          p99: worst((run) => run.serverLoopMs!.p99),
          max: worst((run) => run.serverLoopMs!.max),
        },
    loadgenCpuPercent: mean((run) => run.loadgenCpuPercent)!,
    errors: runs.flatMap((run) => run.errors),
    samples,
    runs: runs.length,
  };
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

function fmt(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)));
  return [
    line(header).join('  '),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map((row) => line(row).join('  ')),
  ].join('\n');
}

function report(results: Result[], runs: Result[], options: Options): string {
  const lines: string[] = [];
  if (runs.length > results.length) {
    lines.push('Each run:');
    lines.push(
      table(
        [
          '#',
          'server',
          'edits',
          'lost',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'connect+sync ms',
          'loadgen loop p99 ms',
          'server loop p99/max ms',
          'server CPU %',
          'CPU µs/edit',
          'main µs/edit',
        ],
        runs.map((r, index) => [
          String(index + 1),
          r.server,
          String(r.editsSent),
          String(r.lost),
          fmt(r.latencyMs.p50),
          fmt(r.latencyMs.p95),
          fmt(r.latencyMs.p99),
          fmt(r.latencyMs.max),
          fmt(r.connectMs, 0),
          fmt(r.loopDelayMs.p99),
          `${fmt(r.serverLoopMs?.p99)}/${fmt(r.serverLoopMs?.max)}`,
          fmt(r.serverCpuPercent, 0),
          fmt(r.serverCpuUsPerEdit, 0),
          fmt(r.serverMainUsPerEdit, 0),
        ]),
      ),
    );
    lines.push('');
    lines.push(`All runs of each server pooled (connect+sync and the lag columns: the worst run):`);
  }
  lines.push(
    table(
      [
        'server',
        'clients',
        'rooms',
        'edits sent',
        'expected',
        'received',
        'lost',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'connect+sync ms',
      ],
      results.map((r) => [
        r.server,
        String(r.clients),
        String(r.rooms),
        String(r.editsSent),
        String(r.expected),
        String(r.received),
        String(r.lost),
        fmt(r.latencyMs.p50),
        fmt(r.latencyMs.p95),
        fmt(r.latencyMs.p99),
        fmt(r.latencyMs.max),
        fmt(r.connectMs, 0),
      ]),
    ),
  );
  const kinboard = results.find((r) => r.server === 'kinboard');
  const reference = results.find((r) => r.server === 'reference');
  if (kinboard && reference) {
    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
    lines.push('');
    lines.push(
      `Kinboard / reference latency: p50 ${ratio(kinboard.latencyMs.p50, reference.latencyMs.p50)}, ` +
        `p95 ${ratio(kinboard.latencyMs.p95, reference.latencyMs.p95)}, ` +
        `p99 ${ratio(kinboard.latencyMs.p99, reference.latencyMs.p99)}` +
        `   (connect+sync ${ratio(kinboard.connectMs, reference.connectMs)})`,
    );
    if (kinboard.serverCpuUsPerEdit !== undefined && reference.serverCpuUsPerEdit !== undefined)
      lines.push(
        `Kinboard / reference server CPU per edit: ${ratio(kinboard.serverCpuUsPerEdit, reference.serverCpuUsPerEdit)}`,
      );
  }
  lines.push('');
  lines.push(
    table(
      [
        'server',
        'mean ms',
        'rooms converged',
        'disconnects',
        'server CPU %',
        'server CPU µs/edit',
        'main thread µs/edit',
        'server loop p99/max ms',
        'loadgen CPU %',
        'loadgen loop p99/max ms',
        'send lag p99/max ms',
        'drain ms',
        'stop ms',
      ],
      results.map((r) => [
        r.server,
        fmt(r.latencyMs.mean),
        `${r.convergedRooms}/${r.rooms}`,
        String(r.disconnects),
        fmt(r.serverCpuPercent, 0),
        fmt(r.serverCpuUsPerEdit, 0),
        fmt(r.serverMainUsPerEdit, 0),
        `${fmt(r.serverLoopMs?.p99)}/${fmt(r.serverLoopMs?.max)}`,
        fmt(r.loadgenCpuPercent, 0),
        `${fmt(r.loopDelayMs.p99)}/${fmt(r.loopDelayMs.max)}`,
        `${fmt(r.sendLagMs.p99)}/${fmt(r.sendLagMs.max)}`,
        fmt(r.drainMs, 0),
        fmt(r.stopMs, 0),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    `load: ${options.rooms} rooms x ${options.clients} clients, ${options.rate} edits/s per client` +
      `${options.presence > 0 ? ` and ${options.presence} presence updates/s` : ''} ` +
      `(${fmt(options.rooms * options.clients * options.rate, 0)} edits/s, ` +
      `${fmt(options.rooms * options.clients * options.rate * (options.clients - 1), 0)} deliveries/s), ` +
      `per run ${options.warmup} s warm-up, ${options.seconds} s measured, up to ${options.drain} s drain; ` +
      `${options.rounds} run(s) per server`,
  );
  lines.push(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), node ${process.version}, ` +
      `load average before the run ${loadAverageAtStart}`,
  );
  lines.push(
    `CPU % is of one core over the measured window; ${corePlan() ? 'the load generator (every client) runs on core 0, each server on core 1' : 'the load generator (every client) and the server share the same cores'}.`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

const say = (line: string) => process.stdout.write(`bench: ${line}\n`);
const indent = (text: string) => text.replace(/^/gm, '    ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverageAtStart = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');

async function main(): Promise<number> {
  let options: Options;
  try {
    options = readOptions();
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error)) {
      process.stderr.write(`bench: ${error.message}\n${usage}\n`);
      return 1;
    }
    throw error;
  }
  const perRun = options.connectTimeout + options.warmup + options.seconds + options.drain + 60;
  const watchdog = setTimeout(
    () => {
      process.stderr.write('bench: the run overran its time limit; stopping\n');
      for (const pid of childPids()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      process.exit(2);
    },
    perRun * options.servers.length * options.rounds * 1000,
  );
  watchdog.unref();

  say(pinLoadGenerator());
  say(
    `${options.rooms} rooms x ${options.clients} clients = ${options.rooms * options.clients} clients per server, ` +
      `${options.rate} edits/s each, ${options.warmup} s warm-up + ${options.seconds} s measured per run, ` +
      `${options.rounds} run(s) per server; servers: ${options.servers.join(', ')}`,
  );
  const runs: Result[] = [];
  let failed = false;
  // Rounds alternate the order (A B, B A, A B ...) so that a slow spell on the shared machine
  // does not always land on the same server.
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? options.servers : [...options.servers].reverse();
    for (const name of order) {
      if (options.rounds > 1) say(`round ${round + 1} of ${options.rounds}`);
      try {
        runs.push(await runOne(name, options));
      } catch (error) {
        failed = true;
        say(`${name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      // Let sockets and the previous server's process settle before the next one.
      await sleep(500);
    }
  }
  const results = options.servers.flatMap((name) => {
    const own = runs.filter((run) => run.server === name);
    return own.length > 0 ? [pool(own)] : [];
  });
  clearTimeout(watchdog);

  process.stdout.write(`\n${report(results, runs, options)}\n`);
  if (options.json) {
    writeFileSync(
      options.json,
      `${JSON.stringify({ options, loadAverageAtStart, results, runs }, (key, value: unknown) => (key === 'samples' ? undefined : value), 2)}\n`,
    );
    say(`results written to ${options.json}`);
  }
  for (const result of results) {
    if (result.errors.length === 0) continue;
    failed = true;
    const banner = '!'.repeat(78);
    process.stdout.write(
      `\n${banner}\n${result.server.toUpperCase()} BROKE:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n` +
        `close codes seen: ${JSON.stringify(result.closeCodes)}\n${banner}\n`,
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if some handle still holds the process, do not hang.
    setTimeout(() => process.exit(code), 5000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 5000).unref();
  },
);
