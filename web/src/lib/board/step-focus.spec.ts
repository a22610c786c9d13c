import { defaultAgenda, type AgendaStep } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import { focusOfStep, isWelcome, neighbourStep } from './step-focus.ts';

const agenda: AgendaStep[] = defaultAgenda('family-network-meeting');
const step = (id: string) => agenda.find((each) => each.id === id)!;

describe('where a step sends everyone', () => {
  it('sends a map section to its column, worries and goals to the worries, the purpose to the welcome', () => {
    const here = { stepId: null, column: null };
    expect(focusOfStep(step('working-well'), here)).toEqual({
      stepId: 'working-well',
      column: 'workingWell',
    });
    expect(focusOfStep(step('worries-and-goals'), here).column).toBe('worries');
    expect(focusOfStep(step('bottom-lines'), here).column).toBe('needsToHappen');
    expect(focusOfStep(step('purpose'), here).column).toBeNull();
  });
  it('keeps the column people are on for a step with no place on the map', () => {
    expect(focusOfStep(step('scaling'), { stepId: 'working-well', column: 'workingWell' }).column).toBe(
      'workingWell',
    );
  });
  it('shows the welcome before the first step and during the purpose', () => {
    expect(isWelcome({ stepId: null, column: null }, agenda)).toBe(true);
    expect(isWelcome({ stepId: 'purpose', column: null }, agenda)).toBe(true);
    expect(isWelcome({ stepId: 'working-well', column: 'workingWell' }, agenda)).toBe(false);
  });
  it('moves to the next and previous step, passing skipped ones', () => {
    const skipping = agenda.map((each) => (each.id === 'working-well' ? { ...each, skipped: true } : each));
    expect(neighbourStep(skipping, 'worries-and-goals', 1)?.id).toBe('scaling');
    expect(neighbourStep(skipping, 'scaling', -1)?.id).toBe('worries-and-goals');
    expect(neighbourStep(skipping, null, 1)?.id).toBe('purpose');
    expect(neighbourStep(skipping, null, -1)).toBeUndefined();
  });
});
