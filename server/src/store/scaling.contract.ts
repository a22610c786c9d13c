import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { ScalingAnswerRecord, ScalingRoundRecord, Store } from './store.ts';

/** The scaling rules of store.ts (STORE18 in server/SPEC.md), for any implementation. */
export function runScalingStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, scaling: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory, { seed: twoMeetings });

    async function twoMeetings(store: Store): Promise<void> {
      for (const [meetingId, date] of [
        ['m1', '2026-12-01'],
        ['m2', '2026-12-15'],
      ] as const)
        await store.createMeeting({
          family: { id: 'fam', name: 'Hollis', createdAt: 1 },
          meeting: {
            id: meetingId,
            familyId: 'fam',
            type: 'family-network-meeting',
            title: `Meeting ${date}`,
            date,
            state: 'open',
            createdAt: 1,
          },
          documents: [],
        });
    }

    const round = (id: string, meetingId = 'm1', startedAt = 10): ScalingRoundRecord => ({
      id,
      meetingId,
      question: {
        questionId: 'q1',
        text: 'How safe are the children?',
        zeroMeans: 'They cannot live at home',
        tenMeans: 'Safe enough for the case to close',
        tiedTo: { kind: 'standalone' },
      },
      named: true,
      open: false,
      startedAt,
      startedBy: 'staff-1',
    });
    const answer = (roundId: string, who: string, value: number, at = 20): ScalingAnswerRecord => ({
      roundId,
      participantKey: `guest:${who}`,
      name: who,
      role: 'family',
      value,
      reason: `because ${value}`,
      answeredAt: at,
    });

    it('[STORE18] keeps a running round and its answers across a reopen; an answer may change until the reveal', async () => {
      await store.startScalingRound(round('r1'));
      expect(await store.saveScalingAnswer(answer('r1', 'nan', 3))).toBe('saved');
      expect(await store.saveScalingAnswer(answer('r1', 'dad', 6))).toBe('saved');
      expect(await store.saveScalingAnswer(answer('r1', 'nan', 4, 30))).toBe('saved');
      await reopen();
      expect(await store.latestScalingRound('m1')).toEqual(round('r1'));
      expect(await store.listScalingAnswers('r1')).toEqual([
        answer('r1', 'nan', 4, 30),
        answer('r1', 'dad', 6),
      ]);
      expect(await store.saveScalingAnswer(answer('nope', 'nan', 4))).toBe('not-found');
    });

    it('[STORE18] a revealed round is fixed: answers are refused, and it is revealed once', async () => {
      await store.startScalingRound(round('r1'));
      await store.saveScalingAnswer(answer('r1', 'nan', 3));
      expect(await store.revealScalingRound('r1', 50)).toMatchObject({ id: 'r1', revealedAt: 50 });
      expect(await store.revealScalingRound('r1', 60)).toBeUndefined();
      expect(await store.saveScalingAnswer(answer('r1', 'nan', 9))).toBe('revealed');
      expect(await store.saveScalingAnswer(answer('r1', 'late', 9))).toBe('revealed');
      expect(await store.listScalingAnswers('r1')).toEqual([answer('r1', 'nan', 3)]);
      expect(await store.closeScalingRound('r1', 70)).toMatchObject({ revealedAt: 50, closedAt: 70 });
      expect(await store.closeScalingRound('r1', 80)).toBeUndefined();
    });

    it('[STORE18] a round closed before its reveal takes no answers and is never revealed', async () => {
      await store.startScalingRound(round('r1'));
      await store.closeScalingRound('r1', 30);
      expect(await store.saveScalingAnswer(answer('r1', 'nan', 3))).toBe('closed');
      expect(await store.revealScalingRound('r1', 40)).toBeUndefined();
      expect(await store.listRevealedScalingOfFamily('fam')).toEqual([]);
    });

    it('[STORE18] the latest round is the newest started; the family record holds revealed rounds oldest first', async () => {
      await store.startScalingRound(round('r-late', 'm2', 100));
      await store.startScalingRound(round('r-early', 'm1', 10));
      await store.startScalingRound(round('r-again', 'm1', 20));
      expect((await store.latestScalingRound('m1'))?.id).toBe('r-again');
      await store.saveScalingAnswer(answer('r-late', 'nan', 7));
      await store.saveScalingAnswer(answer('r-early', 'nan', 2));
      await store.revealScalingRound('r-late', 200);
      await store.revealScalingRound('r-early', 30);
      const record = await store.listRevealedScalingOfFamily('fam');
      expect(
        record.map((each) => [each.meeting.id, each.round.id, each.answers.map((a) => a.value)]),
      ).toEqual([
        ['m1', 'r-early', [2]],
        ['m2', 'r-late', [7]],
      ]);
      expect(await store.listRevealedScalingOfFamily('someone-else')).toEqual([]);
    });
  });
}
