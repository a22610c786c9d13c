import type { PlanRule } from './plan-rule.ts';
import type { StatementPair } from './statement-pair.ts';

/**
 * Which statements the plan answers. A rule may still name a statement that was removed since:
 * that answer is ignored (it covers nothing and is never shown), so removing a statement never
 * leaves a rule pointing at nothing on screen.
 */
export interface Coverage {
  /** Statement pair id -> the rules answering it, in plan order. */
  rulesFor: Map<string, PlanRule[]>;
  /** Statements no rule answers, in board order: the agreement step warns about each. */
  uncovered: StatementPair[];
}

export function planCoverage(pairs: readonly StatementPair[], rules: readonly PlanRule[]): Coverage {
  const rulesFor = new Map<string, PlanRule[]>(pairs.map((pair) => [pair.id, []]));
  for (const rule of rules) for (const pairId of rule.answers) rulesFor.get(pairId)?.push(rule);
  return { rulesFor, uncovered: pairs.filter((pair) => rulesFor.get(pair.id)!.length === 0) };
}

/** The statements a rule answers that are still on the board. */
export function answeredStatements(rule: PlanRule, pairs: readonly StatementPair[]): StatementPair[] {
  return pairs.filter((pair) => rule.answers.includes(pair.id));
}
