/**
 * Prints how long stock clients take to be back in sync after the server is killed and
 * restarted [SYNC20]: `node tests/load/reconnect.ts [meetings] [clients per meeting]`.
 */
import { reconnectStampede } from '../helpers/reconnect-stampede.ts';

const meetings = Number(process.argv[2] ?? 60);
const clientsPerMeeting = Number(process.argv[3] ?? 5);
const result = await reconnectStampede({ meetings, clientsPerMeeting });
console.log(
  `${result.clients} clients back in sync in ${Math.round(result.backInSyncMs)} ms ` +
    `(${result.meetings} meetings; refused: ${result.refusals.length}; acknowledged edits lost: ${result.lost})`,
);
process.exit(result.refusals.length === 0 && result.lost === 0 ? 0 : 1);
