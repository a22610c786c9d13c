import { describe, expect, it } from 'vitest';
import type { ScalingAnswerRecord, ScalingRoundRecord } from '../store/store.ts';
import { scalingViewFor } from './scaling-view.ts';

const round = (named: boolean, open = false, revealedAt?: number): ScalingRoundRecord => ({
  id: 'r1',
  meetingId: 'm1',
  question: {
    questionId: 'q1',
    text: 'How safe?',
    zeroMeans: '',
    tenMeans: '',
    tiedTo: { kind: 'standalone' },
  },
  named,
  open,
  startedAt: 1,
  startedBy: 's1',
  revealedAt,
});
const answers: ScalingAnswerRecord[] = [
  {
    roundId: 'r1',
    participantKey: 'guest:nan',
    name: 'Nan Hollis',
    role: 'family',
    value: 7,
    reason: 'She is doing well',
    answeredAt: 2,
  },
  {
    roundId: 'r1',
    participantKey: 'staff:sw',
    name: 'Sam Social',
    role: 'staff',
    value: 3,
    reason: '',
    answeredAt: 3,
  },
];

describe('scalingViewFor', () => {
  it("[SCALE3] before the reveal, a private round carries only the viewer's own number", () => {
    const nan = scalingViewFor(round(true), answers, { participantKey: 'guest:nan', role: 'family' });
    expect(nan).toMatchObject({
      state: 'running',
      mine: { value: 7 },
      points: [],
      spread: null,
      answeredCount: 2,
    });
    expect(nan.answered).toEqual([
      { name: 'Nan Hollis', role: 'family' },
      { name: 'Sam Social', role: 'staff' },
    ]);
    const other = scalingViewFor(round(true), answers, { participantKey: 'guest:dad', role: 'family' });
    expect(JSON.stringify(other)).not.toMatch(/"value"/);
    expect(other.mine).toBeNull();
  });

  it('[SCALE3] the projector and observers never get a "mine", even on the answerer\'s own browser', () => {
    expect(
      scalingViewFor(round(true), answers, { participantKey: 'staff:sw', role: 'projector' }),
    ).toMatchObject({
      mine: null,
      mayAnswer: false,
    });
    expect(scalingViewFor(round(true), answers, { participantKey: undefined, role: 'staff' }).mayAnswer).toBe(
      false,
    );
  });

  it('[SCALE5] after the reveal everyone gets every point and the spread, names only when named', () => {
    const named = scalingViewFor(round(true, false, 9), answers, {
      participantKey: undefined,
      role: 'projector',
    });
    expect(named.points).toEqual([
      { value: 3, name: 'Sam Social', role: 'staff' },
      { value: 7, reason: 'She is doing well', name: 'Nan Hollis', role: 'family' },
    ]);
    expect(named.spread).toEqual({ lowest: 3, highest: 7, middle: 5, count: 2 });
    const anonymous = scalingViewFor(round(false, false, 9), answers, {
      participantKey: 'guest:nan',
      role: 'family',
    });
    expect(anonymous.points).toEqual([{ value: 3 }, { value: 7, reason: 'She is doing well' }]);
    expect(anonymous.answered).toEqual([]);
    expect(JSON.stringify(anonymous)).not.toMatch(/Nan|Sam|"name"|"role"/);
    expect(anonymous.mayAnswer).toBe(false);
  });

  it('[SCALE6] an open round shows the numbers live, without reasons until the reveal', () => {
    const view = scalingViewFor(round(true, true), answers, { participantKey: 'guest:dad', role: 'family' });
    expect(view.points).toEqual([
      { value: 3, name: 'Sam Social', role: 'staff' },
      { value: 7, name: 'Nan Hollis', role: 'family' },
    ]);
  });
});
