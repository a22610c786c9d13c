import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/open-store.ts';
import type { Store, StoredMeetingLiveState } from '../store/store.ts';
import { MeetingLiveStates } from './meeting-live-states.ts';

const meetingId = 'm-live';

async function storeWithMeeting(): Promise<Store> {
  const store = await openSqliteStore(':memory:');
  await store.createMeeting({
    family: { id: 'fam', name: 'Hollis', createdAt: 1 },
    meeting: {
      id: meetingId,
      familyId: 'fam',
      type: 'family-network-meeting',
      title: 'Live',
      date: '2026-12-01',
      state: 'open',
      createdAt: 1,
    },
    documents: [],
  });
  return store;
}

describe('MeetingLiveStates', () => {
  it('[LIVE6] a new instance on the same store (a restart) has the focus, undo, follow, locks and timer', async () => {
    const store = await storeWithMeeting();
    let now = 1_000_000;
    const before = new MeetingLiveStates(store, () => now);
    await before.focus(meetingId, { stepId: 'worries', column: 'worries' });
    await before.focus(meetingId, { stepId: 'working-well', column: 'workingWell' });
    await before.follow(meetingId, false);
    await before.lock(meetingId, 'worries', true);
    await before.timer(meetingId, { action: 'set', durationMs: 600_000 });
    await before.timer(meetingId, { action: 'start' });
    now += 60_000;

    const after = new MeetingLiveStates(store, () => now);
    expect(() => after.lockedColumns(meetingId)).toThrow(/before it was loaded/);
    await after.load(meetingId);
    expect(after.lockedColumns(meetingId)).toEqual(['worries']);
    const state = await after.get(meetingId);
    expect(state).toMatchObject({
      follow: false,
      focus: { stepId: 'working-well', column: 'workingWell' },
      previousFocus: { stepId: 'worries', column: 'worries' },
      lockedColumns: ['worries'],
      timer: { durationMs: 600_000, startedAt: 1_000_000, remainingMs: 600_000 },
      serverNow: 1_060_000,
    });
    // The timer kept running while the server was down: paused 65 s after it started.
    now += 5_000;
    expect((await after.timer(meetingId, { action: 'pause' })).timer).toEqual({
      durationMs: 600_000,
      startedAt: null,
      remainingMs: 535_000,
    });
    now += 3_600_000;
    const paused = new MeetingLiveStates(store, () => now);
    expect((await paused.get(meetingId)).timer).toEqual({
      durationMs: 600_000,
      startedAt: null,
      remainingMs: 535_000,
    });
    expect((await paused.undoFocus(meetingId)).focus).toEqual({ stepId: 'worries', column: 'worries' });
    expect((await new MeetingLiveStates(store).get(meetingId)).previousFocus).toBeNull();
    await store.close();
  });

  it('[LIVE6] changes to one meeting run in order, each from the last one stored', async () => {
    const store = await storeWithMeeting();
    const live = new MeetingLiveStates(store);
    await Promise.all([
      live.lock(meetingId, 'worries', true),
      live.lock(meetingId, 'workingWell', true),
      live.follow(meetingId, false),
    ]);
    const again = await new MeetingLiveStates(store).get(meetingId);
    expect(again).toMatchObject({ follow: false, lockedColumns: ['worries', 'workingWell'] });
    await store.close();
  });

  it('[LIVE6] a change the store refuses is not made: nobody is told of a state that was not kept', async () => {
    const sqlite = await storeWithMeeting();
    let refuse = false;
    const store: Pick<Store, 'getMeetingLiveState' | 'saveMeetingLiveState'> = {
      getMeetingLiveState: (id) => sqlite.getMeetingLiveState(id),
      saveMeetingLiveState: (state) =>
        refuse ? Promise.reject(new Error('disk full')) : sqlite.saveMeetingLiveState(state),
    };
    const live = new MeetingLiveStates(store);
    await live.lock(meetingId, 'worries', true);
    refuse = true;
    await expect(live.lock(meetingId, 'worries', false)).rejects.toThrow(/disk full/);
    expect(live.lockedColumns(meetingId)).toEqual(['worries']);
    refuse = false;
    expect((await live.follow(meetingId, false)).lockedColumns).toEqual(['worries']);
    await sqlite.close();
  });

  it('[LIVE6] a stored state it cannot read (an older schema) starts afresh, and the log says so', async () => {
    const store = await storeWithMeeting();
    // As an older Kinboard might have saved it: `follow` was a word, and there was no timer.
    await store.saveMeetingLiveState({ meetingId, follow: 'yes' } as unknown as StoredMeetingLiveState);
    const lines: string[] = [];
    const log = pino({ base: undefined }, { write: (line: string) => void lines.push(line) });
    const live = new MeetingLiveStates(store, Date.now, undefined, log);
    expect(await live.get(meetingId)).toMatchObject({ follow: true, lockedColumns: [] });
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        level: 40,
        meetingId,
        fields: expect.arrayContaining(['follow', 'timer']),
        msg: 'the stored live state of a meeting could not be read; it starts afresh',
      }),
    ]);
    // A meeting with nothing stored yet is not a problem worth a line.
    await new MeetingLiveStates(store, Date.now, undefined, log).get('m-other');
    expect(lines).toHaveLength(1);
    await store.close();
  });
});
