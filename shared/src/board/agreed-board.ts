import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { essentialsGaps, readEssentialsReason } from './agreement-essentials.ts';
import { readBottomLines } from './bottom-line.ts';
import { readCards } from './card.ts';
import { fireDrills } from './fire-drill.ts';
import { nextSteps } from './next-step.ts';
import { planPersonSchema, type PlanEntry } from './plan-entry.ts';
import { readPlanNotes } from './plan-notes.ts';
import { planRules } from './plan-rule.ts';
import { planTests } from './plan-test.ts';
import { readScalingQuestions } from './scaling-question.ts';
import { readStatementPairs } from './statement-pair.ts';
import { trajectorySteps } from './trajectory-step.ts';

/**
 * The board as agreed, in plain JSON, read through the typed layer: what the family page shows
 * and compares, and what an export would carry. The agreed version also keeps each document's
 * exact Yjs bytes; this rendering is for people, the bytes are the record.
 */
const entrySchema = z.object({
  id: z.string(),
  fields: z.record(z.string(), z.string()),
  who: z.array(planPersonSchema),
  answers: z.array(z.string()),
  moments: z.optional(z.array(z.string())),
});
export const agreedBoardSchema = z.object({
  statements: z.array(
    z.object({
      id: z.string(),
      whoIsWorried: z.string(),
      behaviour: z.string(),
      impactOnChild: z.string(),
      statement: z.string(),
      goal: z.string(),
    }),
  ),
  bottomLines: z.array(z.object({ id: z.string(), text: z.string() })),
  cards: z.array(z.object({ id: z.string(), domain: z.string(), text: z.string() })),
  rules: z.array(entrySchema),
  fireDrills: z.array(entrySchema),
  nextSteps: z.array(entrySchema),
  trajectory: z.array(entrySchema),
  /** The plan tested at chosen moments [PLAN11]; versions agreed before this was kept have none. */
  planTests: z.optional(z.array(entrySchema)),
  notes: z.object({ contingency: z.string(), safetyObject: z.string() }),
  /**
   * What the plan was agreed without, and the chair's reason [PLAN9]; versions agreed before
   * this was kept have none.
   */
  essentials: z.optional(
    z.object({
      uncoveredStatementIds: z.array(z.string()),
      scalingWithoutEnds: z.array(z.string()),
      noContingency: z.boolean(),
      reason: z.string(),
    }),
  ),
});
export type AgreedBoard = z.infer<typeof agreedBoardSchema>;
export type AgreedEntry = z.infer<typeof entrySchema>;

const entry = <F extends string>({ id, fields, who, answers, moments }: PlanEntry<F>): AgreedEntry => ({
  id,
  fields,
  who: who.map((person) => (person.key ? { key: person.key, name: person.name } : { name: person.name })),
  answers,
  ...(moments.length > 0 ? { moments } : {}),
});

export function renderAgreedBoard(docs: { map: Y.Doc; frame: Y.Doc; plan: Y.Doc }): AgreedBoard {
  return {
    statements: readStatementPairs(docs.frame).map(
      ({ id, whoIsWorried, behaviour, impactOnChild, statement, goal }) => ({
        ...{ id, whoIsWorried, behaviour, impactOnChild, statement, goal },
      }),
    ),
    bottomLines: readBottomLines(docs.frame).map(({ id, text }) => ({ id, text })),
    cards: readCards(docs.map).map(({ id, domain, text }) => ({ id, domain, text })),
    rules: planRules.read(docs.plan).map(entry),
    fireDrills: fireDrills.read(docs.plan).map(entry),
    nextSteps: nextSteps.read(docs.plan).map(entry),
    trajectory: trajectorySteps.read(docs.plan).map(entry),
    planTests: planTests.read(docs.plan).map(entry),
    notes: readPlanNotes(docs.plan),
    essentials: essentialsOfBoard(docs),
  };
}

function essentialsOfBoard(docs: { frame: Y.Doc; plan: Y.Doc }): AgreedBoard['essentials'] {
  const gaps = essentialsGaps({
    pairs: readStatementPairs(docs.frame),
    rules: planRules.read(docs.plan),
    questions: readScalingQuestions(docs.frame),
    contingency: readPlanNotes(docs.plan).contingency,
  });
  return {
    uncoveredStatementIds: gaps.uncovered.map((pair) => pair.id),
    scalingWithoutEnds: gaps.endlessQuestions.map((question) => question.text),
    noContingency: gaps.noContingency,
    reason: readEssentialsReason(docs.plan),
  };
}

export const comparedParts = [
  'statements',
  'bottomLines',
  'rules',
  'fireDrills',
  'nextSteps',
  'trajectory',
  'notes',
  'cards',
] as const;
export type ComparedPart = (typeof comparedParts)[number];

export interface BoardChange {
  part: ComparedPart;
  change: 'added' | 'changed' | 'removed';
  id: string;
  /** A short reading of the record (its statement, its rule's "what"...), as it is now or was. */
  label: string;
}

function labelOf(part: ComparedPart, record: unknown): string {
  const value = record as Record<string, unknown>;
  if (part === 'statements') return String(value['statement'] ?? '');
  if (part === 'bottomLines' || part === 'cards') return String(value['text'] ?? '');
  const fields = value['fields'] as Record<string, string> | undefined;
  return fields?.['what'] ?? fields?.['step'] ?? '';
}

/**
 * A record as compared: people by name only, since a guest's key belongs to one meeting's join
 * and the same person has another in the next meeting.
 */
function comparable(record: unknown): string {
  const value = record as Record<string, unknown>;
  const who = value['who'] as { name: string }[] | undefined;
  return JSON.stringify(who ? { ...value, who: who.map((person) => person.name) } : value);
}

/**
 * What changed from one agreed version to the next: records added, changed (any field, who or
 * which statements a rule answers) or removed, matched by id, in the later version's order.
 */
export function compareAgreedBoards(before: AgreedBoard, after: AgreedBoard): BoardChange[] {
  const changes: BoardChange[] = [];
  for (const part of comparedParts) {
    if (part === 'notes') {
      for (const note of ['contingency', 'safetyObject'] as const) {
        const was = before.notes[note];
        const now = after.notes[note];
        if (was === now) continue;
        const change = was === '' ? 'added' : now === '' ? 'removed' : 'changed';
        changes.push({ part, change, id: note, label: now || was });
      }
      continue;
    }
    const earlier = new Map<string, unknown>(before[part].map((record) => [record.id, record]));
    const later = new Map<string, unknown>(after[part].map((record) => [record.id, record]));
    for (const [id, record] of later) {
      const was = earlier.get(id);
      if (was === undefined) changes.push({ part, change: 'added', id, label: labelOf(part, record) });
      else if (comparable(was) !== comparable(record))
        changes.push({ part, change: 'changed', id, label: labelOf(part, record) });
    }
    for (const [id, record] of earlier)
      if (!later.has(id)) changes.push({ part, change: 'removed', id, label: labelOf(part, record) });
  }
  return changes;
}
