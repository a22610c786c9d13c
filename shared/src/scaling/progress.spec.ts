import { describe, expect, it } from 'vitest';
import { scalingProgress, type RevealedScalingRound } from './progress.ts';

const round = (
  roundId: string,
  meetingDate: string,
  questionId: string,
  text: string,
  values: number[],
): RevealedScalingRound => ({
  roundId,
  meetingId: `m-${meetingDate}`,
  meetingTitle: `Meeting ${meetingDate}`,
  meetingDate,
  revealedAt: Date.parse(meetingDate),
  named: false,
  question: { questionId, text, zeroMeans: '', tenMeans: '', tiedTo: { kind: 'standalone' } },
  points: values.map((value) => ({ value })),
});

describe('scalingProgress', () => {
  it('[SCALE9] groups rounds by question id across meetings, oldest first, with each spread', () => {
    const groups = scalingProgress([
      round('r2', '2026-12-15', 'q1', 'How safe are the children?', [5, 7]),
      round('r1', '2026-12-01', 'q1', 'How safe are the children?', [2, 4, 3]),
      round('r3', '2026-12-01', 'q2', 'How confident are you in the plan?', [6]),
    ]);
    expect(groups.map((group) => group.questionId)).toEqual(['q1', 'q2']);
    expect(groups[0]!.rounds.map((each) => each.roundId)).toEqual(['r1', 'r2']);
    expect(groups[0]!.rounds[0]!.spread).toEqual({ lowest: 2, highest: 4, middle: 3, count: 3 });
  });

  it('[SCALE9] keeps a question typed again with the same words (a new id) with the first', () => {
    const groups = scalingProgress([
      round('r1', '2026-12-01', 'q1', 'How safe are the children?', [3]),
      round('r2', '2026-12-15', 'q9', '  how safe are the  children? ', [6]),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.rounds.map((each) => each.roundId)).toEqual(['r1', 'r2']);
    expect(groups[0]!.text).toBe('  how safe are the  children? ');
  });
});
