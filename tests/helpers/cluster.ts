import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  newTestSchema,
  testPostgresUrl,
  whyPostgresUnreachable,
  type TestSchema,
} from '@kinboard/server/store/postgres-testing';
import { startServer, type StartOptions, type TestServer } from './server.ts';
import { makeDataDir } from './store-fixtures.ts';

export const redisServerBinary = process.env['KINBOARD_TEST_REDIS_SERVER'] || '/usr/bin/redis-server';

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A Redis of the test's own (never the machine's shared one), which the test may stop and start. */
export interface TestRedis {
  url: string;
  port: number;
  /** SIGKILL: Redis is gone, with everything it held (it keeps nothing on disk). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const proc = spawn(
      redisServerBinary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
      setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000).unref();
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    start,
  };
}

/** Why the multi-server tests cannot run here, or undefined when PostgreSQL and redis-server are there. */
export async function whyClusterUnavailable(): Promise<string | undefined> {
  const unreachable = await whyPostgresUnreachable(testPostgresUrl(process.env));
  if (unreachable) return unreachable;
  if (!existsSync(redisServerBinary))
    return `no redis-server at ${redisServerBinary}; install Redis or set KINBOARD_TEST_REDIS_SERVER`;
  return undefined;
}

/** Two (or more) servers sharing one PostgreSQL schema and one Redis, as behind a load balancer. */
export interface TestCluster {
  redis: TestRedis;
  schema: TestSchema;
  postgresUrl: string;
  servers: TestServer[];
  /** Starts one more server on the shared store and Redis. */
  add(env?: Record<string, string>): Promise<TestServer>;
  dispose(): Promise<void>;
}

export async function startCluster(
  count: number,
  /** `together`: start every server at once, as an orchestrator does; otherwise one after another. */
  options: { env?: Record<string, string>; together?: boolean } = {},
): Promise<TestCluster> {
  const postgresUrl = testPostgresUrl(process.env);
  const schema = newTestSchema(postgresUrl);
  const redis = await startRedis();
  const dataDirs: ReturnType<typeof makeDataDir>[] = [];
  const servers: TestServer[] = [];
  const add = async (env: Record<string, string> = {}) => {
    const data = makeDataDir();
    dataDirs.push(data);
    const start: StartOptions = {
      dataDir: data.dataDir,
      env: {
        DATABASE_URL: postgresUrl,
        DATABASE_SCHEMA: schema.name,
        REDIS_URL: redis.url,
        ...options.env,
        ...env,
      },
    };
    const server = await startServer(start);
    servers.push(server);
    return server;
  };
  if (options.together) await Promise.all(Array.from({ length: count }, () => add()));
  // One after the other: the first migrates and seeds, the next finds it done.
  else for (let index = 0; index < count; index++) await add();
  return {
    redis,
    schema,
    postgresUrl,
    servers,
    add,
    async dispose() {
      await Promise.all(servers.map((server) => server.dispose()));
      await redis.kill();
      await schema.drop();
      for (const data of dataDirs) data.remove();
    },
  };
}
