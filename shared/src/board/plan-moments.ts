import type { PlanPerson } from './plan-entry.ts';
import { personId } from './plan-entry.ts';
import type { PlanRule } from './plan-rule.ts';
import type { StatementPair } from './statement-pair.ts';

/**
 * The moments a rule matters [PLAN10]: days of the week and parts of the day (`moments`, a Y.Map
 * of tokens `day:<day>` and `part:<part>` on the rule), and triggers or stress points in words
 * (the rule's `triggers` text: "Dad has been drinking, contact visits", split at commas, semicolons
 * and new lines). A rule naming no day matters every day, no part of the day at any hour; a
 * rule naming triggers matters only when one of them is happening.
 */
export const momentDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type MomentDay = (typeof momentDays)[number];
export const momentParts = ['morning', 'afternoon', 'evening', 'night'] as const;
export type MomentPart = (typeof momentParts)[number];
export type MomentToken = `day:${MomentDay}` | `part:${MomentPart}`;

export const momentTokens: readonly MomentToken[] = [
  ...momentDays.map((day): MomentToken => `day:${day}`),
  ...momentParts.map((part): MomentToken => `part:${part}`),
];
export const isMomentToken = (value: string): value is MomentToken =>
  (momentTokens as readonly string[]).includes(value);

/** A moment the meeting tests the plan at: "Saturday, 02:00, Dad has been drinking". */
export interface TestedMoment {
  day: MomentDay;
  /** HH:MM, 24-hour. */
  time: string;
  triggers: string[];
}

/** Morning 06:00-11:59, afternoon 12:00-16:59, evening 17:00-21:59, night 22:00-05:59. */
export function partOfTime(time: string): MomentPart {
  const hour = Number(/^(\d{1,2}):/.exec(time)?.[1] ?? 12);
  if (hour >= 6 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}

export const splitTriggers = (text: string): string[] =>
  text
    .split(/[,;\n]/)
    .map((each) => each.trim())
    .filter((each) => each !== '');

const sameTrigger = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.includes(y) || y.includes(x);
};

export function ruleApplies(rule: PlanRule, moment: TestedMoment): boolean {
  const days = rule.moments.filter((token) => token.startsWith('day:'));
  const parts = rule.moments.filter((token) => token.startsWith('part:'));
  if (days.length > 0 && !days.includes(`day:${moment.day}`)) return false;
  if (parts.length > 0 && !parts.includes(`part:${partOfTime(moment.time)}`)) return false;
  const triggers = splitTriggers(rule.fields.triggers);
  if (triggers.length === 0) return true;
  return triggers.some((trigger) => moment.triggers.some((happening) => sameTrigger(trigger, happening)));
}

export interface MomentResult {
  /** The rules that apply at that moment, in plan order. */
  applying: PlanRule[];
  /** Everyone those rules name, once each, by name. */
  named: PlanPerson[];
  /** Statements no applying rule answers with someone named on it. */
  leftWithNobody: StatementPair[];
}

/** Walks the plan through one moment [PLAN11]. */
export function testMoment(
  pairs: readonly StatementPair[],
  rules: readonly PlanRule[],
  moment: TestedMoment,
): MomentResult {
  const applying = rules.filter((rule) => ruleApplies(rule, moment));
  const named = new Map<string, PlanPerson>();
  for (const rule of applying) for (const person of rule.who) named.set(personId(person), person);
  return {
    applying,
    named: [...named.values()].sort((a, b) => a.name.localeCompare(b.name)),
    leftWithNobody: pairs.filter(
      (pair) => !applying.some((rule) => rule.answers.includes(pair.id) && rule.who.length > 0),
    ),
  };
}
