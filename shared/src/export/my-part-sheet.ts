import type { AgreedBoard, AgreedEntry } from '../board/agreed-board.ts';
import { personId } from '../board/plan-entry.ts';
import type { AgreedRecord } from './agreed-record.ts';
import { list, longDate, section, type ExportDocument } from './export-document.ts';
import { exportWordsIn, type ExportLanguage } from './export-translations.ts';
import { fireDrillItem, nextReview, nextStepItem, ruleItem } from './plan-items.ts';

/** Everyone the plan gives a job, by the id `who` keeps them under (their key, or `name:<name>`). */
export function peopleInPlan(board: AgreedBoard): { id: string; name: string }[] {
  const people = new Map<string, string>();
  for (const entry of [...board.rules, ...board.fireDrills, ...board.nextSteps])
    for (const person of entry.who)
      if (!people.has(personId(person))) people.set(personId(person), person.name);
  return [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

const names = (entry: AgreedEntry, id: string) => entry.who.some((person) => personId(person) === id);

/**
 * One network member's page: only their jobs (rules, fire drills, next steps that name them),
 * and when the plan is looked at again, in their language when asked (`exportWordsIn`) [LANG12].
 * Undefined when the plan gives them nothing.
 */
export function myPartSheet(
  record: AgreedRecord,
  personKey: string,
  language: ExportLanguage = 'en',
): ExportDocument | undefined {
  const all = exportWordsIn(language);
  const words = all.myPart;
  const person = peopleInPlan(record.board).find((each) => each.id === personKey);
  if (!person) return undefined;
  const { board } = record;
  const review = nextReview(record);
  return {
    title: words.title(person.name),
    ...(language === 'en' ? {} : { language }),
    lines: [
      words.planOf(record.family.name, longDate(record.meeting.date, all)),
      ...(review ? [words.nextReview(review)] : []),
    ],
    sections: [
      ...section('rules', words.rules, [
        list(
          board.rules.filter((rule) => names(rule, person.id)).map((rule) => ruleItem(record, rule, all)),
          true,
        ),
      ]),
      ...section('fireDrills', words.fireDrills, [
        list(
          board.fireDrills
            .filter((drill) => names(drill, person.id))
            .map((drill) => fireDrillItem(drill, all)),
        ),
      ]),
      ...section('nextSteps', words.nextSteps, [
        list(board.nextSteps.filter((step) => names(step, person.id)).map((step) => nextStepItem(step, all))),
      ]),
    ],
  };
}
