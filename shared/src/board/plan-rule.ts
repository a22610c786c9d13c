import { PlanList, type PlanEntry } from './plan-entry.ts';

/**
 * Plan rules: what will happen, day to day, to keep the child safe; who does it (people from the
 * family's network); when, especially trigger times and stress points; how everyone will know it
 * is happening; and which danger or worry statements it answers (`answers`, statement pair ids).
 * `triggers` (stress points in words) and `howOften`, with the days and parts of the day it
 * matters (`moments`), say when it applies when the plan is tested [PLAN10].
 * Root Y.Map `planRules` in the `plan` document; the record's shape is in plan-entry.ts.
 */
export const planRulesRoot = 'planRules';
export const planRuleFields = ['what', 'when', 'howWeKnow', 'triggers', 'howOften'] as const;
export type PlanRuleField = (typeof planRuleFields)[number];
export type PlanRule = PlanEntry<PlanRuleField>;

export const planRules = new PlanList(planRulesRoot, planRuleFields, 'pr');
export const readPlanRules = (doc: Parameters<typeof planRules.read>[0]): PlanRule[] => planRules.read(doc);
