import { capitalise } from '../vocabulary/custom-label.ts';
import type { AgreedRecord } from './agreed-record.ts';
import {
  item,
  list,
  longDate,
  longDateOfTime,
  paragraph,
  section,
  type ExportDocument,
} from './export-document.ts';
import { fireDrillItem, nextStepItem, ruleItem, statementsHeading, trajectoryItem } from './plan-words.ts';

const roleName = (role: string): string => capitalise(role);

/**
 * The record for the authority's case system: the meeting, who was there, every statement and
 * goal, each scaling round's numbers, the bottom lines, the plan and each person's agreement.
 * Written as Word, Markdown and plain text from this one document.
 */
export function caseRecord(record: AgreedRecord): ExportDocument {
  const { board, vocabulary } = record;
  const agreedOn = new Date(record.version.agreedAt).toISOString().replace('T', ' ').slice(0, 16);
  return {
    title: `${record.meeting.typeName}: ${record.family.name}`,
    lines: [`${vocabulary.frameworkName} record of the plan agreed on ${longDate(record.meeting.date)}.`],
    sections: [
      ...section('meeting', 'Meeting', [
        list([
          item(record.meeting.title, [
            ['Meeting type', record.meeting.typeName],
            ['Date', longDate(record.meeting.date)],
            ['Plan version', String(record.version.number)],
            ['Agreed', `${agreedOn} UTC`],
            ['Agreed version kept by', record.version.agreedBy.name],
            ['Framework', vocabulary.frameworkName],
          ]),
        ]),
      ]),
      ...section('attendees', 'Attendees', [
        list(record.participants.map((person) => item(person.name, [['Role', roleName(person.role)]]))),
      ]),
      ...section('statements', statementsHeading(record), [
        list(
          board.statements.map((pair) =>
            item(pair.statement, [
              ['Who is worried', pair.whoIsWorried],
              ['What they are worried about', pair.behaviour],
              ['Impact on the child', pair.impactOnChild],
              [capitalise(vocabulary.goal.one), pair.goal],
            ]),
          ),
          true,
        ),
      ]),
      ...section('scaling', 'Scaling', [
        list(
          record.scaling.map((round) =>
            item(round.question.text, [
              ['0 means', round.question.zeroMeans],
              ['10 means', round.question.tenMeans],
              ['Revealed', longDateOfTime(round.revealedAt)],
              ['Numbers', round.points.map((point) => point.value).join(', ')],
              ...round.points.map((point): [string, string] => [
                point.name ? `${point.name}${point.role ? ` (${point.role})` : ''}` : 'Anonymous',
                `${point.value}${point.reason ? `: ${point.reason}` : ''}`,
              ]),
            ]),
          ),
          true,
        ),
      ]),
      ...section('bottomLines', capitalise(vocabulary.bottomLine.many), [
        list(board.bottomLines.map((line) => item(line.text))),
      ]),
      ...section('rules', 'Plan rules', [
        list(
          board.rules.map((rule) => ruleItem(record, rule)),
          true,
        ),
      ]),
      ...section('fireDrills', 'Fire drills', [list(board.fireDrills.map(fireDrillItem))]),
      ...section('contingency', 'Contingency plan', [paragraph(board.notes.contingency)]),
      ...section('safetyObject', 'Safety object', [paragraph(board.notes.safetyObject)]),
      ...section('nextSteps', 'Next steps', [list(board.nextSteps.map(nextStepItem))]),
      ...section('review', 'Trajectory and review dates', [list(board.trajectory.map(trajectoryItem))]),
      ...section('agreement', 'Agreement', [
        list(
          record.agreement.map((answer) =>
            item(answer.name, [
              ['Role', roleName(answer.role)],
              ['Agrees and understands their part', answer.agrees ? 'Yes' : 'No'],
              ['Reason', answer.reason ?? ''],
            ]),
          ),
        ),
      ]),
    ],
  };
}
