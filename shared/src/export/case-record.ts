import { capitalise } from '../vocabulary/custom-label.ts';
import type { AgreedRecord } from './agreed-record.ts';
import {
  item,
  list,
  longDate,
  longDateOfTime,
  paragraph,
  pictures,
  section,
  type ExportDocument,
  type ExportPicture,
} from './export-document.ts';
import { exportWords } from './export-words.ts';
import { fireDrillItem, nextStepItem, ruleItem, statementsHeading, trajectoryItem } from './plan-items.ts';

const words = exportWords.caseRecord;
const roleName = (role: string): string => capitalise(role);

/**
 * The record for the authority's case system: the meeting, who was there, every statement and
 * goal, each scaling round's numbers, the bottom lines, the plan, each person's agreement, and
 * the meeting's drawings as last drawn. Written as Word, Markdown and plain text from this one
 * document (Markdown and text name the drawings; only Word carries the pictures).
 */
export function caseRecord(record: AgreedRecord, drawings: readonly ExportPicture[] = []): ExportDocument {
  const { board, vocabulary } = record;
  const agreedOn = new Date(record.version.agreedAt).toISOString().replace('T', ' ').slice(0, 16);
  return {
    title: words.title(record.meeting.typeName, record.family.name),
    lines: [words.recordOf(vocabulary.frameworkName, longDate(record.meeting.date))],
    sections: [
      ...section('meeting', words.meeting, [
        list([
          item(record.meeting.title, [
            [words.meetingType, record.meeting.typeName],
            [words.date, longDate(record.meeting.date)],
            [words.planVersion, String(record.version.number)],
            [words.agreed, words.agreedAtUtc(agreedOn)],
            [words.keptBy, record.version.agreedBy.name],
            [words.framework, vocabulary.frameworkName],
          ]),
        ]),
      ]),
      ...section('attendees', words.attendees, [
        list(record.participants.map((person) => item(person.name, [[words.role, roleName(person.role)]]))),
      ]),
      ...section('statements', statementsHeading(record), [
        list(
          board.statements.map((pair) =>
            item(pair.statement, [
              [words.whoIsWorried, pair.whoIsWorried],
              [words.whatTheyWorryAbout, pair.behaviour],
              [words.impactOnChild, pair.impactOnChild],
              [capitalise(vocabulary.goal.one), pair.goal],
            ]),
          ),
          true,
        ),
      ]),
      ...section('scaling', words.scaling, [
        list(
          record.scaling.map((round) =>
            item(round.question.text, [
              [words.zeroMeans, round.question.zeroMeans],
              [words.tenMeans, round.question.tenMeans],
              [words.revealed, longDateOfTime(round.revealedAt)],
              [words.numbers, exportWords.listOf(round.points.map((point) => String(point.value)))],
              ...round.points.map((point): [string, string] => [
                point.name ? words.namedPerson(point.name, point.role) : words.anonymous,
                words.point(point.value, point.reason),
              ]),
            ]),
          ),
          true,
        ),
      ]),
      ...section('bottomLines', capitalise(vocabulary.bottomLine.many), [
        list(board.bottomLines.map((line) => item(line.text))),
      ]),
      ...section('rules', words.rules, [
        list(
          board.rules.map((rule) => ruleItem(record, rule)),
          true,
        ),
      ]),
      ...section('fireDrills', words.fireDrills, [list(board.fireDrills.map(fireDrillItem))]),
      ...section('contingency', words.contingency, [paragraph(board.notes.contingency)]),
      ...section('safetyObject', words.safetyObject, [paragraph(board.notes.safetyObject)]),
      ...section('nextSteps', words.nextSteps, [list(board.nextSteps.map(nextStepItem))]),
      ...section('review', words.review, [list(board.trajectory.map(trajectoryItem))]),
      ...section('agreement', words.agreement, [
        list(
          record.agreement.map((answer) =>
            item(answer.name, [
              [words.role, roleName(answer.role)],
              [words.agrees, answer.agrees ? words.yes : words.no],
              [words.reason, answer.reason ?? ''],
            ]),
          ),
        ),
      ]),
      ...section('drawings', exportWords.drawings.heading, [pictures(drawings)]),
    ],
  };
}
