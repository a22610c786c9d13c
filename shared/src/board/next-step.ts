import { PlanList, type PlanEntry } from './plan-entry.ts';

/**
 * Next steps: what happens after the meeting, who does it and by when. Root Y.Map `nextSteps`
 * in the `plan` document (shape: plan-entry.ts).
 */
export const nextStepsRoot = 'nextSteps';
export const nextStepFields = ['what', 'byWhen'] as const;
export type NextStep = PlanEntry<(typeof nextStepFields)[number]>;

export const nextSteps = new PlanList(nextStepsRoot, nextStepFields, 'ns');
