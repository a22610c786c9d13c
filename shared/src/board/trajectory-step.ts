import { PlanList, type PlanEntry } from './plan-entry.ts';

/**
 * The trajectory: a timetable from now to case closure, each step with its review date.
 * Root Y.Map `trajectory` in the `plan` document (shape: plan-entry.ts; `who` stays empty).
 */
export const trajectoryRoot = 'trajectory';
export const trajectoryFields = ['step', 'reviewDate'] as const;
export type TrajectoryStep = PlanEntry<(typeof trajectoryFields)[number]>;

export const trajectorySteps = new PlanList(trajectoryRoot, trajectoryFields, 'tr');
