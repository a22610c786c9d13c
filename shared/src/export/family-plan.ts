import { capitalise } from '../vocabulary/custom-label.ts';
import type { AgreedRecord } from './agreed-record.ts';
import { item, list, longDate, paragraph, section, type ExportDocument } from './export-document.ts';
import {
  fireDrillItem,
  nextReview,
  nextStepItem,
  ruleItem,
  statementsHeading,
  trajectoryItem,
} from './plan-words.ts';

/**
 * The plan the family and every network member take home: plain words, what everyone is worried
 * about and wants to see, who does what and when, what happens if the plan cannot be followed,
 * and when it is looked at again. Printed as the family's PDF.
 */
export function familyPlan(record: AgreedRecord): ExportDocument {
  const { board, vocabulary } = record;
  const review = nextReview(record);
  return {
    title: `The plan for the ${record.family.name.replace(/ family$/i, '')} family`,
    lines: [
      `Agreed at the ${record.meeting.typeName.toLowerCase()} on ${longDate(record.meeting.date)}.`,
      `Version ${record.version.number}.${review ? ` Next review: ${review}.` : ''}`,
    ],
    sections: [
      ...section(
        'statements',
        statementsHeading(record),
        [
          list(
            board.statements.map((pair) =>
              item(pair.statement, [[capitalise(vocabulary.goal.one), pair.goal]]),
            ),
            true,
          ),
        ],
        'What everyone is worried about, and what we want to see instead.',
      ),
      ...section('familyWords', "In the family's own words", [
        list(record.familyWords.map((card) => item(card.text, [['Said by', card.author]]))),
      ]),
      ...section(
        'bottomLines',
        capitalise(vocabulary.bottomLine.many),
        [list(board.bottomLines.map((line) => item(line.text)))],
        'These must happen, whatever else changes.',
      ),
      ...section('rules', 'Who does what and when', [
        list(
          board.rules.map((rule) => ruleItem(record, rule)),
          true,
        ),
      ]),
      ...section('fireDrills', 'Practising the plan', [list(board.fireDrills.map(fireDrillItem))]),
      ...section('contingency', 'If the plan cannot be followed', [paragraph(board.notes.contingency)]),
      ...section('safetyObject', 'Our safety object', [paragraph(board.notes.safetyObject)]),
      ...section('nextSteps', 'Next steps', [list(board.nextSteps.map(nextStepItem))]),
      ...section('review', 'When we look at the plan again', [
        paragraph(review ? `The next review is ${review}.` : ''),
        list(board.trajectory.map(trajectoryItem)),
      ]),
    ],
  };
}
