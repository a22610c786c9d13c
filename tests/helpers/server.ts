import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface TestServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  /** The server process's id (benchmarks read its CPU time and signal its loop probe). */
  pid: number | undefined;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to save anything that was not already stored. */
  kill(): Promise<void>;
  /** Starts a new process on the same port and data directory. */
  restart(): Promise<TestServer>;
  /** Stops the process and removes its data directory. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  /** Benchmarks: run the server on these cores only (a taskset list such as `1`). */
  cpus?: string;
  /** Benchmarks: preload this module (the test-only loop probe, tests/helpers/loop-probe.ts). */
  preload?: string;
}

/**
 * Starts the real server as its own process (so it can be killed) on port 0 with a fresh data
 * directory, and resolves once it prints the address it listens on.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'kinboard-test-'));
  const node = [
    process.execPath,
    ...(options.preload ? ['--import', options.preload] : []),
    path.join(repoRoot, 'server/src/main.ts'),
  ];
  // taskset execs node in its place, so the child's pid is the server's.
  const command = options.cpus ? ['taskset', '-c', options.cpus, ...node] : node;
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Tests of the board, sync and screens run with sign-in off (allowed on loopback only);
      // the access tests turn it on, as every real deployment has it.
      REQUIRE_SIGN_IN: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 20_000).unref();
  });
  const stopWith = async (signal: NodeJS.Signals, proc: ChildProcess) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    pid: child.pid,
    output: () => output,
    stop: () => stopWith('SIGTERM', child),
    kill: () => stopWith('SIGKILL', child),
    restart: async () => {
      await stopWith('SIGTERM', child);
      return startServer({ ...options, port, dataDir });
    },
    dispose: async () => {
      await stopWith('SIGTERM', child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
