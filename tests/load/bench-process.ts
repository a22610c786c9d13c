/**
 * What the benchmarks need from the processes they run: pinning to cores, CPU time from /proc,
 * and the server's own event-loop delay through the test-only loop probe.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const loopProbe = path.resolve(import.meta.dirname, '../helpers/loop-probe.ts');

/**
 * The cores the load generator and the server get: on a machine with two or more cores, the
 * generator keeps core 0 and every server runs on core 1 (BENCH_PIN=0 turns this off), so
 * neither steals the other's core and the server's figures are its own.
 */
export function corePlan(): { loadgen: string; server: string } | undefined {
  if (process.env['BENCH_PIN'] === '0' || os.cpus().length < 2) return undefined;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { loadgen: '0', server: '1' };
}

/** Pins a process and every thread it has to `cpus` (a taskset list: `0`, `1`, `0-1`). */
export function pin(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' });
}

/** Pins this process (the load generator) to its core, once; says which cores it planned. */
export function pinLoadGenerator(): string {
  const plan = corePlan();
  if (!plan) return 'not pinned (one core, no taskset, or BENCH_PIN=0)';
  pin(process.pid, plan.loadgen);
  return `load generator on core ${plan.loadgen}, server on core ${plan.server} (taskset)`;
}

/** CPU seconds (user + system) a process has used so far, or undefined if unknown. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  return statCpuSeconds(pid, pid === undefined ? '' : `/proc/${pid}/stat`);
}

/**
 * CPU seconds of a process's main thread alone (its event loop; on Linux the main thread's id is
 * the process's), so the SQLite worker's share is the whole process's less this.
 */
export function mainThreadCpuSeconds(pid: number | undefined): number | undefined {
  return statCpuSeconds(pid, pid === undefined ? '' : `/proc/${pid}/task/${pid}/stat`);
}

function statCpuSeconds(pid: number | undefined, file: string): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted from after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ, 100 on Linux
  } catch {
    return undefined;
  }
}

export interface LoopDelay {
  p99: number;
  max: number;
}

/**
 * Asks a process started with the loop probe for its event-loop delay since the last ask:
 * signals it and waits for the line it prints into `output()`.
 */
export async function readLoopDelay(
  pid: number | undefined,
  output: () => string,
): Promise<LoopDelay | undefined> {
  if (pid === undefined) return undefined;
  const before = output().length;
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    return undefined;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const match = /loop-probe: (\{[^\n]*\})\n/.exec(output().slice(before));
    if (match) {
      const figures = JSON.parse(match[1]!) as LoopDelay;
      return { p99: figures.p99, max: figures.max };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}
