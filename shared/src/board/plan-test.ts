import { PlanList, type PlanEntry } from './plan-entry.ts';

/**
 * The plan tested at a chosen moment [PLAN11]: the handbook's conference time "used primarily to
 * test out the robustness of the safety plan". Root Y.Map `planTests` of the `plan` document,
 * each record a PlanList entry whose texts are the moment (`day`, `time` HH:MM, `triggers`) and
 * what the meeting decided (`decision`); `who` keeps the people the applying rules named then,
 * and `answers` the statements the moment left with nobody, both as they were when it was
 * recorded. Not carried forward: a new meeting tests its own plan.
 */
export const planTestsRoot = 'planTests';
export const planTestFields = ['day', 'time', 'triggers', 'decision'] as const;
export type PlanTestField = (typeof planTestFields)[number];
export type PlanTest = PlanEntry<PlanTestField>;

export const planTests = new PlanList(planTestsRoot, planTestFields, 'pt');
export const readPlanTests = (doc: Parameters<typeof planTests.read>[0]): PlanTest[] => planTests.read(doc);
