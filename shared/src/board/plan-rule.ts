import { PlanList, type PlanEntry } from './plan-entry.ts';

/**
 * Plan rules: what will happen, day to day, to keep the child safe; who does it (people from the
 * family's network); when, especially trigger times and stress points; how everyone will know it
 * is happening; and which danger or worry statements it answers (`answers`, statement pair ids).
 * Root Y.Map `planRules` in the `plan` document; the record's shape is in plan-entry.ts.
 */
export const planRulesRoot = 'planRules';
export const planRuleFields = ['what', 'when', 'howWeKnow'] as const;
export type PlanRuleField = (typeof planRuleFields)[number];
export type PlanRule = PlanEntry<PlanRuleField>;

export const planRules = new PlanList(planRulesRoot, planRuleFields, 'pr');
export const readPlanRules = (doc: Parameters<typeof planRules.read>[0]): PlanRule[] => planRules.read(doc);
