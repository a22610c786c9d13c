import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { AgreedPlanVersion } from './store.ts';

const family = { id: 'fam-plan', name: 'Hollis', createdAt: 1 };
const meeting = (id: string) => ({
  id,
  familyId: family.id,
  type: 'family-network-meeting',
  title: 'Plan',
  date: '2026-12-01',
  state: 'open' as const,
  createdAt: 2,
});
const emptyBoard = {
  statements: [],
  bottomLines: [],
  cards: [],
  rules: [],
  fireDrills: [],
  nextSteps: [],
  trajectory: [],
  notes: { contingency: '', safetyObject: '' },
};
const version = (meetingId: string, number: number, bytes: number[]): AgreedPlanVersion => ({
  meetingId,
  familyId: family.id,
  version: number,
  startedAt: 10,
  agreedAt: 20 + number,
  agreedBy: 'staff-1',
  documents: [{ part: 'plan', data: new Uint8Array(bytes) }],
  board: emptyBoard,
  participants: [{ participantKey: 'guest:nan', name: 'Nan', role: 'family' }],
  answers: [],
});

/** The plan's storage rules (STORE19, PLAN3-PLAN6 in server/SPEC.md), for any implementation. */
export function runPlanStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Plan store contract: ${name}`, () => {
    const { store, openAnother } = useContractStore(makeFactory, {
      seed: (store) => store.createMeeting({ family, meeting: meeting('m-plan'), documents: [] }),
    });

    it('[STORE19] a plan is drafting until agreement starts; answers count only while agreeing, one per person', async () => {
      expect(await store.getPlanAgreement('m-plan')).toEqual({
        meetingId: 'm-plan',
        stage: 'drafting',
        round: 0,
      });
      const answer = {
        meetingId: 'm-plan',
        round: 1,
        participantKey: 'guest:nan',
        name: 'Nan',
        role: 'family',
        agrees: true,
        at: 5,
      };
      expect(await store.recordPlanAnswer(answer)).toBe(false);
      expect(await store.startPlanAgreement('m-plan', 4)).toMatchObject({ stage: 'agreeing', round: 1 });
      expect(await store.startPlanAgreement('m-plan', 4)).toBeUndefined();
      expect(await store.recordPlanAnswer(answer)).toBe(true);
      expect(await store.recordPlanAnswer({ ...answer, agrees: false, reason: 'Not Fridays', at: 6 })).toBe(
        true,
      );
      expect(await store.listPlanAnswers('m-plan', 1)).toEqual([
        { ...answer, agrees: false, reason: 'Not Fridays', at: 6 },
      ]);
    });

    it('[STORE19] finalising stores the version, sets the meeting agreed, and only in the round being agreed', async () => {
      expect(await store.finalisePlanVersion(version('m-plan', 1, [1, 2, 3]))).toBe(false);
      await store.startPlanAgreement('m-plan', 4);
      expect(await store.finalisePlanVersion(version('m-plan', 2, [1]))).toBe(false);
      expect(await store.finalisePlanVersion(version('m-plan', 1, [1, 2, 3]))).toBe(true);
      expect((await store.getMeeting('m-plan'))?.state).toBe('agreed');
      expect(await store.getPlanAgreement('m-plan')).toMatchObject({ stage: 'agreed', round: 1 });
      expect(await store.getPlanVersion('m-plan', 1)).toEqual(version('m-plan', 1, [1, 2, 3]));
      // Amending: reopen, agree again, a second version; the first stays as it was.
      expect(await store.reopenPlan('m-plan')).toMatchObject({ stage: 'drafting', round: 1 });
      expect((await store.getMeeting('m-plan'))?.state).toBe('open');
      expect(await store.startPlanAgreement('m-plan', 30)).toMatchObject({ round: 2 });
      expect(await store.finalisePlanVersion(version('m-plan', 2, [9]))).toBe(true);
      expect(await store.listPlanVersions('m-plan')).toEqual([
        { version: 1, agreedAt: 21 },
        { version: 2, agreedAt: 22 },
      ]);
      expect((await store.getPlanVersion('m-plan', 1))?.documents[0]?.data).toEqual(
        new Uint8Array([1, 2, 3]),
      );
      expect((await store.listPlanVersionsOfFamily(family.id)).map((each) => each.version)).toEqual([1, 2]);
      const reopened = await openAnother();
      expect(await reopened.getPlanVersion('m-plan', 2)).toEqual(version('m-plan', 2, [9]));
    });

    it('[STORE19] an offer is decided once', async () => {
      const offer = {
        id: 'of-1',
        meetingId: 'm-plan',
        ruleId: 'pr_1',
        participantKey: 'guest:nan',
        name: 'Nan',
        status: 'waiting' as const,
        at: 3,
      };
      await store.addPlanOffer(offer);
      expect(await store.decidePlanOffer('of-1', true, 'staff-1', 4)).toEqual({
        ...offer,
        status: 'confirmed',
        decidedAt: 4,
        decidedBy: 'staff-1',
      });
      expect(await store.decidePlanOffer('of-1', false, 'staff-1', 5)).toBeUndefined();
      expect(await store.decidePlanOffer('of-none', false, 'staff-1', 5)).toBeUndefined();
      expect((await store.listPlanOffers('m-plan')).map((each) => each.status)).toEqual(['confirmed']);
    });
  });
}
