/**
 * The server's event-loop delay while it renders ten PDF exports at once, and how long a board
 * edit takes to reach another screen meanwhile: `node tests/load/export-loop.ts [--exports 10]`.
 *
 * A real server (pinned to its own core, with the test-only loop probe) holds a meeting whose
 * agreed version is the 50-rule plan of the export fixtures, stored the way the plan feature
 * finalises it; a staff member signed in through the API downloads `--exports` PDFs of it at
 * once while two stock clients of another board send edits to each other.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { exportPath } from '@kinboard/shared/export/index';
import { agreedVersionOf, fiftyRuleContent } from '../../server/src/export/export-fixtures.ts';
import { openSqliteStore } from '../../server/src/store/open-store.ts';
import { Browser } from '../multi-client/access-http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import { corePlan, loopProbe, pinLoadGenerator, readLoopDelay } from './bench-process.ts';
import os from 'node:os';
import path from 'node:path';

const { values } = parseArgs({ options: { exports: { type: 'string', default: '10' } } });
const count = Number(values.exports);
const say = (line: string) => process.stdout.write(`bench (export loop): ${line}\n`);
const adminPassword = 'a long enough admin password for the bench';

say(pinLoadGenerator());
const loadAverage = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
const env = {
  REQUIRE_SIGN_IN: 'true',
  ADMIN_EMAIL: 'chair@example.org',
  ADMIN_PASSWORD: adminPassword,
  SEED_DEMO: 'false',
};
let server: TestServer = await startServer({ env });
const chair = new Browser(server);
await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
const familyId: string = (await chair.post('/api/families', { name: 'Bench' })).body.family.id;
const meeting = await chair.post(`/api/families/${familyId}/meetings`, {
  type: 'family-network-meeting',
  date: '2026-11-24',
  title: 'Export bench',
});
const meetingId: string = meeting.body.meeting.id;
const board = await chair.post(`/api/families/${familyId}/meetings`, {
  type: 'family-network-meeting',
  date: '2026-11-24',
  title: 'A meeting going on meanwhile',
});
const boardId: string = board.body.meeting.id;
await chair.post(`/api/meetings/${boardId}/open`);
await server.stop();

// The agreed version, stored as the plan feature finalises one.
const store = await openSqliteStore(path.join(server.dataDir, 'kinboard.db'));
await store.startPlanAgreement(meetingId, Date.now());
const agreed = await store.finalisePlanVersion({
  ...agreedVersionOf(fiftyRuleContent()),
  meetingId,
  familyId,
});
await store.close();
if (!agreed) throw new Error('the agreed version was not stored');

server = await startServer({
  env,
  port: server.port,
  dataDir: server.dataDir,
  cpus: corePlan()?.server,
  preload: loopProbe,
});
const signedIn = new Browser(server);
await signedIn.post('/api/session', { email: 'chair@example.org', password: adminPassword });
const cookie = [...signedIn.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
const url = `${server.url}${exportPath(meetingId, 1, 'pdf')}`;
const first = await fetch(url, { headers: { cookie } });
if (first.status !== 200) throw new Error(`export answered ${first.status}: ${await first.text()}`);
await first.arrayBuffer(); // warm: fonts read, code compiled

const a = connectStockClient(server.wsUrl, `${boardId}.frame`, { cookie });
const b = connectStockClient(server.wsUrl, `${boardId}.frame`, { cookie });
await Promise.all([a.synced, b.synced]);
const roundTrip = async (id: number) => {
  const started = performance.now();
  const arrived = new Promise<void>((resolve) => {
    const observe = () => {
      if (b.doc.getArray<number>('agenda').toArray().includes(id)) {
        b.doc.getArray('agenda').unobserve(observe);
        resolve();
      }
    };
    b.doc.getArray('agenda').observe(observe);
  });
  a.doc.getArray<number>('agenda').push([id]);
  await arrived;
  return performance.now() - started;
};
const quiet = [] as number[];
for (let i = 0; i < 10; i++) quiet.push(await roundTrip(i));

await readLoopDelay(server.pid, server.output);
const started = performance.now();
let finished = 0;
const exports = Array.from({ length: count }, () =>
  fetch(url, { headers: { cookie } }).then(async (response) => {
    await response.arrayBuffer();
    finished++;
    return response.status;
  }),
);
const during: number[] = [];
for (let id = 100; finished < count; id++) during.push(await roundTrip(id));
const statuses = await Promise.all(exports);
const wallMs = performance.now() - started;
const loop = await readLoopDelay(server.pid, server.output);
a.destroy();
b.destroy();
await server.dispose();

const median = (values: number[]) => values.toSorted((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
say(
  `${count} PDFs (50-rule plan) at once: all done in ${wallMs.toFixed(0)} ms, statuses ${[...new Set(statuses)].join(',')}`,
);
say(
  `server loop delay meanwhile: p99 ${loop?.p99.toFixed(1) ?? 'n/a'} ms, max ${loop?.max.toFixed(1) ?? 'n/a'} ms`,
);
say(
  `edit round trips between two screens: quiet median ${median(quiet).toFixed(1)} ms; during the exports ` +
    `${during.length} made, median ${median(during).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms`,
);
say(`load average before ${loadAverage}`);
process.exit(statuses.every((status) => status === 200) ? 0 : 1);
