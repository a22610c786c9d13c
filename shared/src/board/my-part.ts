import type { FireDrill } from './fire-drill.ts';
import type { NextStep } from './next-step.ts';
import type { PlanPerson } from './plan-entry.ts';
import type { PlanRule } from './plan-rule.ts';

/**
 * "My part": the rules, fire drills and next steps that name one person, by the participant key
 * they are in the meeting under, and nothing else to dig through.
 */
export interface MyPart {
  rules: PlanRule[];
  fireDrills: FireDrill[];
  nextSteps: NextStep[];
}

const names = (who: readonly PlanPerson[], key: string) => who.some((person) => person.key === key);

export function myPart(
  plan: { rules: readonly PlanRule[]; fireDrills: readonly FireDrill[]; nextSteps: readonly NextStep[] },
  participantKey: string,
): MyPart {
  return {
    rules: plan.rules.filter((rule) => names(rule.who, participantKey)),
    fireDrills: plan.fireDrills.filter((drill) => names(drill.who, participantKey)),
    nextSteps: plan.nextSteps.filter((step) => names(step.who, participantKey)),
  };
}
