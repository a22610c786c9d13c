import { capitalise } from '../vocabulary/custom-label.ts';
import type { AgreedRecord } from './agreed-record.ts';
import {
  item,
  list,
  longDate,
  paragraph,
  pictures,
  section,
  type ExportDocument,
  type ExportPicture,
} from './export-document.ts';
import { exportWordsIn, type ExportLanguage } from './export-translations.ts';
import {
  fireDrillItem,
  nextReview,
  nextStepItem,
  ruleItem,
  statementsHeading,
  trajectoryItem,
} from './plan-items.ts';

/**
 * The plan the family and every network member take home: plain words, what everyone is worried
 * about and wants to see, who does what and when, what happens if the plan cannot be followed,
 * when it is looked at again, and the pictures drawn with the family. Printed as the family's PDF,
 * in the family's language when asked (`exportWordsIn`) [LANG12].
 */
export function familyPlan(
  record: AgreedRecord,
  drawings: readonly ExportPicture[] = [],
  language: ExportLanguage = 'en',
): ExportDocument {
  const { board, vocabulary } = record;
  const review = nextReview(record);
  const all = exportWordsIn(language);
  const words = all.familyPlan;
  return {
    title: words.title(record.family.name),
    ...(language === 'en' ? {} : { language }),
    lines: [
      words.agreedAt(record.meeting.typeName, longDate(record.meeting.date, all)),
      words.version(record.version.number, review),
    ],
    sections: [
      ...section(
        'statements',
        statementsHeading(record, all),
        [
          list(
            board.statements.map((pair) =>
              item(pair.statement, [[capitalise(vocabulary.goal.one), pair.goal]]),
            ),
            true,
          ),
        ],
        words.statementsIntro,
      ),
      ...section('familyWords', words.familyWords, [
        list(
          record.familyWords.map((card) =>
            item(card.text, [[words.saidBy, all.credit(card.author, card.relationship)]]),
          ),
        ),
      ]),
      ...section(
        'bottomLines',
        capitalise(vocabulary.bottomLine.many),
        [list(board.bottomLines.map((line) => item(line.text)))],
        words.bottomLinesIntro,
      ),
      ...section('rules', words.rules, [
        list(
          board.rules.map((rule) => ruleItem(record, rule, all)),
          true,
        ),
      ]),
      ...section('fireDrills', words.fireDrills, [
        list(board.fireDrills.map((drill) => fireDrillItem(drill, all))),
      ]),
      ...section('contingency', words.contingency, [paragraph(board.notes.contingency)]),
      ...section('safetyObject', words.safetyObject, [paragraph(board.notes.safetyObject)]),
      ...section('nextSteps', words.nextSteps, [
        list(board.nextSteps.map((step) => nextStepItem(step, all))),
      ]),
      ...section('review', words.review, [
        paragraph(review ? words.nextReviewIs(review) : ''),
        list(board.trajectory.map((step) => trajectoryItem(step, all))),
      ]),
      ...section('drawings', all.drawings.heading, [pictures(drawings)]),
    ],
  };
}
