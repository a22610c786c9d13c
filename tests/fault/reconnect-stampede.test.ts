import { describe, expect, it } from 'vitest';
import { reconnectStampede } from '../helpers/reconnect-stampede.ts';

describe('[SYNC20] reconnects do not stampede', () => {
  it('300 stock clients in 60 meetings are back in sync within seconds of a SIGKILL restart; none refused, nothing lost', async () => {
    const result = await reconnectStampede({ meetings: 60, clientsPerMeeting: 5 });
    console.log(`${result.clients} clients back in sync in ${Math.round(result.backInSyncMs)} ms`);
    expect(result.refusals).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.backInSyncMs).toBeLessThan(6_000);
  }, 60_000);
});
