import type { AgreedEntry } from '../board/agreed-board.ts';
import { capitalise } from '../vocabulary/custom-label.ts';
import type { AgreedRecord } from './agreed-record.ts';
import { item, type ExportItem } from './export-document.ts';
import { exportWords } from './export-words.ts';

const words = exportWords.entry;

/**
 * The plan's parts as items, worded the same in every document: the family's plan, the case
 * record and "my part" all read a rule, a fire drill or a next step this way.
 */
export const whoOf = (entry: AgreedEntry): string =>
  exportWords.listOf(entry.who.map((person) => person.name));

/** "Danger statement 1, 2": which statements a rule answers, by their number in the plan. */
export function answersOf(record: AgreedRecord, entry: AgreedEntry): string {
  const numbers = entry.answers
    .map((id) => record.board.statements.findIndex((statement) => statement.id === id) + 1)
    .filter((number) => number > 0)
    .sort((a, b) => a - b);
  if (numbers.length === 0) return '';
  const noun = capitalise(
    numbers.length === 1 ? record.vocabulary.statement.one : record.vocabulary.statement.many,
  );
  return words.statementsNumbered(noun, numbers);
}

/** "Dani Hollis (Mum)": who made an entry, as the server recorded them; '' when it did not [EXPORT6]. */
export function writerOf(record: AgreedRecord, entry: AgreedEntry): string {
  const writer = record.writers?.[entry.id];
  return writer ? exportWords.credit(writer.name, writer.relationship) : '';
}

export const ruleItem = (record: AgreedRecord, rule: AgreedEntry): ExportItem =>
  item(rule.fields['what'] ?? '', [
    [words.who, whoOf(rule)],
    [words.when, rule.fields['when'] ?? ''],
    [words.howWeKnow, rule.fields['howWeKnow'] ?? ''],
    [words.answers, answersOf(record, rule)],
    [words.writtenBy, writerOf(record, rule)],
  ]);

export const fireDrillItem = (drill: AgreedEntry): ExportItem =>
  item(drill.fields['what'] ?? '', [
    [words.who, whoOf(drill)],
    [words.when, drill.fields['when'] ?? ''],
  ]);

export const nextStepItem = (step: AgreedEntry): ExportItem =>
  item(step.fields['what'] ?? '', [
    [words.who, whoOf(step)],
    [words.byWhen, step.fields['byWhen'] ?? ''],
  ]);

export const trajectoryItem = (step: AgreedEntry): ExportItem =>
  item(step.fields['step'] ?? '', [[words.reviewDate, step.fields['reviewDate'] ?? '']]);

/** The first review date the trajectory names, as written. */
export function nextReview(record: AgreedRecord): string {
  return record.board.trajectory.map((step) => step.fields['reviewDate']?.trim() ?? '').find(Boolean) ?? '';
}

export const statementsHeading = (record: AgreedRecord): string =>
  capitalise(exportWords.statementsAndGoals(record.vocabulary.statement.many, record.vocabulary.goal.many));
