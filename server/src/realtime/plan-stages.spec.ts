import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { PlanStages } from './plan-stages.ts';

const meetingId = 'm-plan';

describe('PlanStages', () => {
  it('[SYNC32] screens that ask at once share one read of the stage; a stage set meanwhile wins', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      await store.createMeeting({
        family: { id: 'fam', name: 'Hollis', createdAt: 1 },
        meeting: {
          id: meetingId,
          familyId: 'fam',
          type: 'family-network-meeting',
          title: 'Plan',
          date: '2026-12-01',
          state: 'open',
          createdAt: 1,
        },
        documents: [],
      });
      let reads = 0;
      // The real store, with its reads of the stage counted.
      const counted: Store = {
        ...store,
        getPlanAgreement: (id) => {
          reads++;
          return store.getPlanAgreement(id);
        },
      };
      const stages = new PlanStages(counted);
      const stagesAtOnce = await Promise.all(Array.from({ length: 5 }, () => stages.load(meetingId)));
      expect(stagesAtOnce).toEqual(Array(5).fill('drafting'));
      expect(reads).toBe(1);
      await stages.load(meetingId);
      expect(reads).toBe(1);

      // A handler's stage, set while a read is under way, is the one every asker gets.
      const fresh = new PlanStages(counted);
      const loading = fresh.load(meetingId);
      fresh.set(meetingId, 'agreeing');
      expect(await loading).toBe('agreeing');
      expect(await fresh.load(meetingId)).toBe('agreeing');
    } finally {
      await store.close();
    }
  });
});
