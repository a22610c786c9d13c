import { fireDrillsRoot } from './fire-drill.ts';
import { nextStepsRoot } from './next-step.ts';
import { planRulesRoot } from './plan-rule.ts';

/**
 * Who wrote a plan entry [FIRST9]: its `authorId` is its writer's participant key, checked by
 * the server like a card's (ACCESS15). Anyone who may write the plan changes any entry's words,
 * because a plan is written together; only who made it is fixed. Rules, fire drills and next
 * steps are credited on every screen, so a new one must carry its writer; any other plan entry
 * may carry one, and then it must be the writer's own.
 */
export const creditedPlanRoots: readonly string[] = [planRulesRoot, fireDrillsRoot, nextStepsRoot];
