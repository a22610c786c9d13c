import * as Y from 'yjs';
import * as z from 'zod/mini';
import { planCoverage } from './plan-coverage.ts';
import { maxPlanTextLength } from './plan-entry.ts';
import { planNotesOf, readPlanNotes } from './plan-notes.ts';
import type { PlanRule } from './plan-rule.ts';
import type { ScalingQuestion } from './scaling-question.ts';
import type { StatementPair } from './statement-pair.ts';
import { readText, replaceText } from './text-edit.ts';

/**
 * What a plan must have before the chair asks everyone to agree [PLAN9]: a rule answering every
 * danger (worry) statement, both ends of every scaling question written, and a contingency plan.
 * The chair may still start agreement without one of them, but only by saying why; the reason is
 * kept in the plan document (`planNotes.essentialsReason`), so it is agreed and exported with it.
 */
export interface EssentialsGaps {
  /** Statements no rule answers, in board order. */
  uncovered: StatementPair[];
  /** Scaling questions missing what 0 or what 10 means. */
  endlessQuestions: ScalingQuestion[];
  noContingency: boolean;
}

export const essentialsReasonKey = 'essentialsReason';
export const maxEssentialsReasonLength = maxPlanTextLength;
export const essentialsReasonSchema = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(maxEssentialsReasonLength));

export function essentialsGaps(board: {
  pairs: readonly StatementPair[];
  rules: readonly PlanRule[];
  questions: readonly ScalingQuestion[];
  contingency: string;
}): EssentialsGaps {
  return {
    uncovered: planCoverage(board.pairs, board.rules).uncovered,
    endlessQuestions: board.questions.filter(
      (question) => question.zeroMeans.trim() === '' || question.tenMeans.trim() === '',
    ),
    noContingency: board.contingency.trim() === '',
  };
}

export const hasGaps = (gaps: EssentialsGaps): boolean =>
  gaps.uncovered.length > 0 || gaps.endlessQuestions.length > 0 || gaps.noContingency;

/** Why the chair started agreement without every essential ('' when nothing was missing). */
export function readEssentialsReason(plan: Y.Doc): string {
  return readText(planNotesOf(plan).get(essentialsReasonKey)) ?? '';
}

export function writeEssentialsReason(plan: Y.Doc, reason: string): void {
  const notes = planNotesOf(plan);
  if (reason === '' && !notes.has(essentialsReasonKey)) return;
  plan.transact(() => {
    let text = notes.get(essentialsReasonKey);
    if (!(text instanceof Y.Text)) notes.set(essentialsReasonKey, (text = new Y.Text()));
    replaceText(text as Y.Text, reason.slice(0, maxEssentialsReasonLength));
  });
}

/** The contingency plan as written (re-exported here so callers read every essential in one place). */
export const contingencyOf = (plan: Y.Doc): string => readPlanNotes(plan).contingency;
