import type { AgreedEntry } from '../board/agreed-board.ts';
import { capitalise } from '../vocabulary/custom-label.ts';
import type { AgreedRecord } from './agreed-record.ts';
import { item, type ExportItem } from './export-document.ts';
import { exportWords, type ExportWords } from './export-words.ts';

/**
 * The plan's parts as items, worded the same in every document: the family's plan, the case
 * record and "my part" all read a rule, a fire drill or a next step this way. Each takes the
 * words of the file's language (`exportWordsIn`), English unless told [LANG12].
 */
export const whoOf = (entry: AgreedEntry, words: ExportWords = exportWords): string =>
  words.listOf(entry.who.map((person) => person.name));

/** "Danger statement 1, 2": which statements a rule answers, by their number in the plan. */
export function answersOf(
  record: AgreedRecord,
  entry: AgreedEntry,
  words: ExportWords = exportWords,
): string {
  const numbers = entry.answers
    .map((id) => record.board.statements.findIndex((statement) => statement.id === id) + 1)
    .filter((number) => number > 0)
    .sort((a, b) => a - b);
  if (numbers.length === 0) return '';
  const noun = capitalise(
    numbers.length === 1 ? record.vocabulary.statement.one : record.vocabulary.statement.many,
  );
  return words.entry.statementsNumbered(noun, numbers);
}

/** "Dani Hollis (Mum)": who made an entry, as the server recorded them; '' when it did not [EXPORT6]. */
export function writerOf(record: AgreedRecord, entry: AgreedEntry, words: ExportWords = exportWords): string {
  const writer = record.writers?.[entry.id];
  return writer ? words.credit(writer.name, writer.relationship) : '';
}

export const ruleItem = (
  record: AgreedRecord,
  rule: AgreedEntry,
  words: ExportWords = exportWords,
): ExportItem =>
  item(rule.fields['what'] ?? '', [
    [words.entry.who, whoOf(rule, words)],
    [words.entry.when, rule.fields['when'] ?? ''],
    [words.entry.matters, mattersOf(rule, words)],
    [words.entry.triggers, rule.fields['triggers'] ?? ''],
    [words.entry.howOften, rule.fields['howOften'] ?? ''],
    [words.entry.howWeKnow, rule.fields['howWeKnow'] ?? ''],
    [words.entry.answers, answersOf(record, rule, words)],
    [words.entry.writtenBy, writerOf(record, rule, words)],
  ]);

/** "Friday, Saturday; evening, night": the days and parts of the day a rule names [PLAN10]. */
export function mattersOf(rule: AgreedEntry, words: ExportWords = exportWords): string {
  const moments = rule.moments ?? [];
  const named = (prefix: string, names: Record<string, string>) =>
    Object.keys(names)
      .filter((key) => moments.includes(`${prefix}:${key}`))
      .map((key) => names[key]!);
  const days = named('day', words.entry.days);
  const parts = named('part', words.entry.parts);
  return [words.listOf(days), words.listOf(parts)].filter(Boolean).join('; ');
}

/** "Saturday at 02:00, Dani has been drinking": a moment the plan was tested at [PLAN11]. */
export function momentOf(test: AgreedEntry): string {
  const days = exportWords.entry.days;
  const day = days[(test.fields['day'] ?? '') as keyof typeof days] ?? test.fields['day'] ?? '';
  const triggers = test.fields['triggers']?.trim();
  return `${day} at ${test.fields['time'] ?? ''}${triggers ? `, ${triggers}` : ''}`;
}

export const fireDrillItem = (drill: AgreedEntry, words: ExportWords = exportWords): ExportItem =>
  item(drill.fields['what'] ?? '', [
    [words.entry.who, whoOf(drill, words)],
    [words.entry.when, drill.fields['when'] ?? ''],
  ]);

export const nextStepItem = (step: AgreedEntry, words: ExportWords = exportWords): ExportItem =>
  item(step.fields['what'] ?? '', [
    [words.entry.who, whoOf(step, words)],
    [words.entry.byWhen, step.fields['byWhen'] ?? ''],
  ]);

export const trajectoryItem = (step: AgreedEntry, words: ExportWords = exportWords): ExportItem =>
  item(step.fields['step'] ?? '', [[words.entry.reviewDate, step.fields['reviewDate'] ?? '']]);

/** The first review date the trajectory names, as written. */
export function nextReview(record: AgreedRecord): string {
  return record.board.trajectory.map((step) => step.fields['reviewDate']?.trim() ?? '').find(Boolean) ?? '';
}

export const statementsHeading = (record: AgreedRecord, words: ExportWords = exportWords): string =>
  capitalise(words.statementsAndGoals(record.vocabulary.statement.many, record.vocabulary.goal.many));
