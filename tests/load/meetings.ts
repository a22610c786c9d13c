/**
 * Capacity: the most ten-person meetings one server holds with every edit arriving and the p99
 * latency under 100 ms, each person editing once a second and moving their presence twice a
 * second. Climbs a ladder of meeting counts with `tests/load/bench.ts` (one fresh server per
 * step, pinned to its own core), for Kinboard and for the bare reference relay.
 *
 *   node tests/load/meetings.ts [--steps 50,100,150,200,300,400] [--servers kinboard,reference]
 *                               [--clients 10] [--rate 1] [--presence 2] [--seconds 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const targetP99Ms = 100;
const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: process.env['BENCH_STEPS'] ?? '50,100,150,200,300,400' },
    servers: { type: 'string', default: process.env['BENCH_SERVERS'] ?? 'kinboard,reference' },
    clients: { type: 'string', default: process.env['BENCH_CLIENTS'] ?? '10' },
    rate: { type: 'string', default: process.env['BENCH_RATE'] ?? '1' },
    presence: { type: 'string', default: process.env['BENCH_PRESENCE'] ?? '2' },
    seconds: { type: 'string', default: process.env['BENCH_SECONDS'] ?? '5' },
  },
});
const say = (line: string) => process.stdout.write(`bench (meetings): ${line}\n`);

interface Step {
  meetings: number;
  p99: number;
  lost: number;
  serverCpuPercent: number | null;
  serverLoopMs: { p99: number; max: number } | null;
  loadgenLoopP99: number;
  holds: boolean;
}

interface BenchJson {
  results: {
    lost: number;
    errors: string[];
    latencyMs: { p99: number };
    serverCpuPercent?: number;
    serverLoopMs?: { p99: number; max: number };
    loopDelayMs: { p99: number };
  }[];
}

function runStep(server: string, meetings: number): Step {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kinboard-meetings-'));
  const json = path.join(dir, 'step.json');
  try {
    try {
      execFileSync(
        process.execPath,
        [
          path.join(import.meta.dirname, 'bench.ts'),
          ...['--servers', server, '--rounds', '1', '--rooms', String(meetings)],
          ...['--clients', values.clients, '--rate', values.rate, '--presence', values.presence],
          ...['--seconds', values.seconds, '--warmup', '2', '--drain', '5', '--json', json],
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
    } catch {
      // Exit code 1: something was lost; the JSON still says what.
    }
    const result = (JSON.parse(readFileSync(json, 'utf8')) as BenchJson).results[0]!;
    const holds = result.lost === 0 && result.errors.length === 0 && result.latencyMs.p99 < targetP99Ms;
    return {
      meetings,
      p99: result.latencyMs.p99,
      lost: result.lost,
      serverCpuPercent: result.serverCpuPercent ?? null,
      serverLoopMs: result.serverLoopMs ?? null,
      loadgenLoopP99: result.loopDelayMs.p99,
      holds,
    };
  } catch (error) {
    say(
      `${server}, ${meetings} meetings: no result (${error instanceof Error ? error.message : String(error)})`,
    );
    return {
      meetings,
      p99: NaN,
      lost: NaN,
      serverCpuPercent: null,
      serverLoopMs: null,
      loadgenLoopP99: NaN,
      holds: false,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const steps = values.steps.split(',').map(Number);
say(
  `${values.clients} people a meeting, ${values.rate} edit/s and ${values.presence} presence updates/s each; ` +
    `ladder ${steps.join(', ')}; load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
);
const held: Record<string, number> = {};
for (const server of values.servers.split(',')) {
  held[server] = 0;
  for (const meetings of steps) {
    const step = runStep(server, meetings);
    say(
      `${server}, ${meetings} meetings: p99 ${step.p99.toFixed(1)} ms, lost ${step.lost}, server CPU ` +
        `${step.serverCpuPercent?.toFixed(0) ?? 'n/a'} %, server loop p99/max ${step.serverLoopMs?.p99.toFixed(1) ?? 'n/a'}/` +
        `${step.serverLoopMs?.max.toFixed(1) ?? 'n/a'} ms, loadgen loop p99 ${step.loadgenLoopP99.toFixed(1)} ms: ` +
        `${step.holds ? 'holds' : 'does not hold'}`,
    );
    if (!step.holds) break;
    held[server] = meetings;
  }
}
say(
  `ten-person meetings held at p99 < ${targetP99Ms} ms: ${Object.entries(held)
    .map(([server, count]) => `${server} ${count}`)
    .join(', ')} (load average now ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')})`,
);
