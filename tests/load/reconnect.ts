/**
 * Prints how long stock clients take to be back in sync after the server is killed and
 * restarted [SYNC20]: `node tests/load/reconnect.ts [meetings] [clients per meeting]` (default 100 × 5).
 */
import os from 'node:os';
import { reconnectStampede } from '../helpers/reconnect-stampede.ts';
import { corePlan, pinLoadGenerator } from './bench-process.ts';

const meetings = Number(process.argv[2] ?? 100);
const clientsPerMeeting = Number(process.argv[3] ?? 5);
const pinning = pinLoadGenerator();
const loadAverage = os.loadavg().map((value) => value.toFixed(2));
const cpus = corePlan()?.server;
const result = await reconnectStampede({
  meetings,
  clientsPerMeeting,
  ...(cpus === undefined ? {} : { cpus }),
});
console.log(
  `${result.clients} clients back in sync in ${Math.round(result.backInSyncMs)} ms ` +
    `(the server's part, from the first socket open again to the last sync: ` +
    `${Math.round(result.firstOpenToLastSyncMs)} ms; each client from its socket opening to its sync: ` +
    `median ${Math.round(result.openToSyncMs.p50)} ms, slowest ${Math.round(result.openToSyncMs.max)} ms; ` +
    `the server's CPU meanwhile: ${result.serverCpuMs === undefined ? 'unknown' : `${Math.round(result.serverCpuMs)} ms`}; ` +
    `${result.meetings} meetings; refused: ${result.refusals.length}; acknowledged edits lost: ${result.lost}; ` +
    `${pinning}; load average before ${loadAverage.join(' ')})`,
);
process.exit(result.refusals.length === 0 && result.lost === 0 ? 0 : 1);
