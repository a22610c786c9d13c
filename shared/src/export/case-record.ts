import type { JournalEntryView } from '../passes/network-pass.ts';
import { journalSection } from './journal-summary.ts';
import { capitalise } from '../vocabulary/custom-label.ts';
import { columnIds, domainsByColumn } from '../vocabulary/domains.ts';
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
  type ExportItem,
  type ExportPicture,
  type ExportSection,
  type SectionId,
} from './export-document.ts';
import { exportWords } from './export-words.ts';
import {
  fireDrillItem,
  momentOf,
  nextStepItem,
  ruleItem,
  statementsHeading,
  trajectoryItem,
  whoOf,
} from './plan-items.ts';

const words = exportWords.caseRecord;
const roleName = (role: string): string => capitalise(role);

/**
 * The map, one section per column and the cards of each domain under its title, each with who
 * wrote it [EXPORT7]: the chair's summary "will use the seven domains" (seed 001).
 */
function mapSections(record: AgreedRecord): ExportSection[] {
  const sectionOf = {
    worries: 'mapWorries',
    workingWell: 'mapWorkingWell',
    needsToHappen: 'mapNeedsToHappen',
  };
  return columnIds.flatMap((column) =>
    section(
      sectionOf[column] as SectionId,
      words.mapColumn(record.vocabulary.columns[column] ?? column),
      domainsByColumn[column].flatMap((domain) => {
        const cards = record.map.filter((card) => card.domain === domain);
        if (cards.length === 0) return [];
        return [
          paragraph(record.vocabulary.domains[domain] ?? domain),
          list(
            cards.map((card) =>
              item(card.text, [
                card.sentBefore
                  ? [words.sentBeforeBy, exportWords.credit(card.author, card.relationship)]
                  : [words.writtenBy, card.author],
                [words.fromViewOf, capitalise(card.perspective)],
              ]),
            ),
          ),
        ];
      }),
    ),
  );
}

/** "Danger statements 1, 3", by their number on the board. */
function statementNumbers(record: AgreedRecord, ids: readonly string[]): string {
  const numbers = ids
    .map((id) => record.board.statements.findIndex((pair) => pair.id === id) + 1)
    .filter((number) => number > 0);
  if (numbers.length === 0) return '';
  const noun = capitalise(
    numbers.length === 1 ? record.vocabulary.statement.one : record.vocabulary.statement.many,
  );
  return exportWords.entry.statementsNumbered(noun, numbers);
}

/** What the plan was agreed without, and why [PLAN9]; nothing when it lacked nothing. */
function essentialsItems(record: AgreedRecord): ExportItem[] {
  const essentials = record.board.essentials;
  if (!essentials?.reason) return [];
  const numbers = essentials.uncoveredStatementIds
    .map((id) => record.board.statements.findIndex((pair) => pair.id === id) + 1)
    .filter((number) => number > 0);
  const noun = numbers.length === 1 ? record.vocabulary.statement.one : record.vocabulary.statement.many;
  return [
    ...(numbers.length > 0 ? [item(words.uncoveredStatements(noun, numbers))] : []),
    ...essentials.scalingWithoutEnds.map((question) => item(words.scalingWithoutEnds(question))),
    ...(essentials.noContingency ? [item(words.noContingency)] : []),
  ];
}

/**
 * The record for the authority's case system: the meeting, who was there, what it decided and
 * when it meets next, the whole map by column and domain, the child's own words, every statement and
 * goal, each scaling round's numbers, the bottom lines, the plan, each person's agreement, and
 * the meeting's drawings as last drawn. Written as Word, Markdown and plain text from this one
 * document (Markdown and text name the drawings; only Word carries the pictures).
 */
export function caseRecord(
  record: AgreedRecord,
  drawings: readonly ExportPicture[] = [],
  /** The safety journal since the last meeting [PASS11]; not part of the agreed version. */
  journal: readonly JournalEntryView[] = [],
): ExportDocument {
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
      ...section('decision', words.decision, [
        paragraph(record.decision.text),
        paragraph(
          record.decision.nextMeetingDate ? words.nextMeeting(longDate(record.decision.nextMeetingDate)) : '',
        ),
      ]),
      ...journalSection(journal),
      ...mapSections(record),
      ...section(
        'childsWords',
        words.childsWords,
        [
          list(
            record.map
              .filter((card) => card.perspective === 'child')
              .map((card) => item(card.text, [[words.writtenBy, card.author]])),
          ),
        ],
        words.childsWordsIntro,
      ),
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
      ...section('sentBefore', words.sentBefore, [
        list(
          (record.sentBefore ?? []).map((view) =>
            item(exportWords.credit(view.name, view.relationship), [
              [words.sentAt, longDateOfTime(view.sentAt)],
              [words.broughtIn, longDateOfTime(view.broughtInAt)],
              ...view.scaling.map((answer): [string, string] => [answer.question, String(answer.value)]),
            ]),
          ),
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
      ...section('planTests', words.planTests, [
        list(
          (board.planTests ?? []).map((test) =>
            item(momentOf(test), [
              [words.namedThen, whoOf(test)],
              [words.leftWithNobody, statementNumbers(record, test.answers)],
              [words.testDecision, test.fields['decision'] ?? ''],
            ]),
          ),
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
      ...section(
        'essentials',
        words.essentials,
        essentialsItems(record).length > 0
          ? [
              list(essentialsItems(record)),
              paragraph(`${words.chairsReason}: ${record.board.essentials!.reason}`),
            ]
          : [],
        words.essentialsIntro,
      ),
      ...section('drawings', exportWords.drawings.heading, [pictures(drawings)]),
    ],
  };
}
