import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { AuditLog } from './audit-log.ts';

const entry = (reason: string) => ({
  actorKind: 'participant' as const,
  actorId: 'p1',
  action: 'sync.refused' as const,
  familyId: 'fam-1',
  detail: { kind: 'badMessage', reason },
});
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AuditLog.recordCoalesced', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('[ACCESS30] writes the first at once, then at most one entry a window with the repeats counted', async () => {
    store = await openSqliteStore(':memory:');
    const audit = new AuditLog(store, { coalesceMs: 100 });
    const read = async () =>
      (await store!.listAuditOfFamily('fam-1', { limit: 100 })).map((row) => row.detail);
    for (let i = 0; i < 50; i++) await audit.recordCoalesced('p1|bad', entry('malformed'));
    await audit.recordCoalesced('p1|other', entry('other'));
    expect(await read()).toEqual([
      { kind: 'badMessage', reason: 'malformed', count: 1 },
      { kind: 'badMessage', reason: 'other', count: 1 },
    ]);
    // Timers run late on a loaded machine: wait for the window's end, not a fixed time.
    for (let tries = 0; (await read()).length < 3 && tries < 100; tries++) await wait(30);
    expect((await read()).slice(2)).toEqual([
      { kind: 'badMessage', reason: 'malformed', count: 49, coalesced: true },
    ]);
    // The window that wrote the count is open: repeats in it wait for its end, or for a flush.
    await audit.recordCoalesced('p1|bad', entry('malformed'));
    expect(await read()).toHaveLength(3);
    await audit.flush();
    expect((await read()).slice(3)).toEqual([
      { kind: 'badMessage', reason: 'malformed', count: 1, coalesced: true },
    ]);
    // A quiet window closes with nothing written; the next occurrence starts afresh.
    await wait(250);
    await audit.recordCoalesced('p1|bad', entry('malformed'));
    expect((await read()).at(-1)).toEqual({ kind: 'badMessage', reason: 'malformed', count: 1 });
    await audit.flush();
  });
});
