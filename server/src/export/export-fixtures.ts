/**
 * Agreed versions for the export tests and the benchmark, made the way the plan feature makes
 * them: real Yjs documents written through shared's typed operations, rendered with
 * renderAgreedBoard, then turned into a record by the same agreedRecordOf the routes use.
 */
import {
  addBottomLine,
  addCard,
  editPlanNote,
  fireDrills,
  initialiseBoardSettings,
  nextSteps,
  pairStatementWithGoal,
  planRules,
  renderAgreedBoard,
  trajectorySteps,
  writeBoardSettings,
  type PlanPerson,
} from '@kinboard/shared';
import { authorDirectoryOf, type Credit } from '@kinboard/shared/access/credit';
import { type AgreedRecord } from '@kinboard/shared/export/index';
import * as Y from 'yjs';
import hollis from '../seed/hollis-family.json' with { type: 'json' };
import type { AgreedPlanVersion, RevealedScalingRecord } from '../store/store.ts';
import { agreedRecordOf } from './agreed-record.ts';

const at = Date.UTC(2026, 10, 20, 10);
const keyOf = (name: string) => `guest:${name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
const personOf = (name: string): PlanPerson => ({ key: keyOf(name), name });

export interface PlanContent {
  vocabulary?: 'safety' | 'wellbeing';
  statements: { statement: string; goal: string }[];
  bottomLines: string[];
  /** Cards written by family members, each credited to them with how they know the child. */
  familyWords?: { text: string; author: string; relationship: string }[];
  rules: { what: string; who: string[]; when: string; howWeKnow: string; answers: number[] }[];
  fireDrills?: { what: string; who: string[]; when: string }[];
  nextSteps: { what: string; who: string[]; byWhen: string }[];
  trajectory?: { step: string; reviewDate: string }[];
  contingency?: string;
  safetyObject?: string;
  people: { name: string; role: string }[];
}

export function agreedVersionOf(content: PlanContent): AgreedPlanVersion {
  const map = new Y.Doc();
  const frame = new Y.Doc();
  const plan = new Y.Doc();
  initialiseBoardSettings(frame, 'family-network-meeting');
  if (content.vocabulary) writeBoardSettings(frame, { vocabularyId: content.vocabulary });
  const pairIds = content.statements.map((pair) => pairStatementWithGoal(frame, pair, { now: at }));
  for (const line of content.bottomLines) addBottomLine(frame, line, { now: at });
  for (const words of content.familyWords ?? [])
    addCard(map, {
      domain: 'existingStrengths',
      text: words.text,
      author: words.author,
      authorId: keyOf(words.author),
      perspective: 'family',
    });
  addCard(map, {
    domain: 'pastHarm',
    text: 'A professional card, not the family’s words.',
    author: 'Tom Price',
    authorId: 'staff:staff-tom',
    perspective: 'professional',
  });
  // A worry typed by a network member whose screen claimed the family's perspective: still not
  // the family's words, because the server recorded them as network [EXPORT5].
  addCard(map, {
    domain: 'complicatingFactors',
    text: 'A network member’s worry, not the family’s words.',
    author: 'Dani Hollis',
    authorId: keyOf('Rita Evans'),
    perspective: 'family',
  });
  for (const rule of content.rules)
    planRules.add(plan, {
      what: rule.what,
      when: rule.when,
      howWeKnow: rule.howWeKnow,
      who: rule.who.map(personOf),
      answers: rule.answers.map((index) => pairIds[index]!),
    });
  for (const drill of content.fireDrills ?? [])
    fireDrills.add(plan, { ...drill, who: drill.who.map(personOf) });
  for (const step of content.nextSteps) nextSteps.add(plan, { ...step, who: step.who.map(personOf) });
  for (const step of content.trajectory ?? []) trajectorySteps.add(plan, step);
  if (content.contingency) editPlanNote(plan, 'contingency', content.contingency);
  if (content.safetyObject) editPlanNote(plan, 'safetyObject', content.safetyObject);
  const participants = content.people.map((person) => ({ participantKey: keyOf(person.name), ...person }));
  return {
    meetingId: 'meeting-export',
    familyId: 'family-export',
    version: 1,
    startedAt: at,
    agreedAt: at + 3_600_000,
    agreedBy: 'staff-tom',
    documents: [
      { part: 'map', data: Y.encodeStateAsUpdate(map) },
      { part: 'frame', data: Y.encodeStateAsUpdate(frame) },
      { part: 'plan', data: Y.encodeStateAsUpdate(plan) },
    ],
    board: renderAgreedBoard({ map, frame, plan }),
    participants,
    answers: participants.map((person, index) => ({
      meetingId: 'meeting-export',
      round: 1,
      ...person,
      agrees: index !== 1,
      ...(index === 1 ? { reason: 'I need to think about Fridays.' } : {}),
      at: at + 3_000_000 + index,
    })),
  };
}

export function recordOf(
  content: PlanContent,
  scaling: RevealedScalingRecord[] = [],
  familyName = 'Hollis family',
): AgreedRecord {
  const version = agreedVersionOf(content);
  const meeting = {
    id: version.meetingId,
    familyId: version.familyId,
    type: 'family-network-meeting',
    title: `${familyName} network meeting`,
    date: '2026-11-20',
    state: 'agreed' as const,
    createdAt: at,
  };
  return agreedRecordOf({
    family: { id: version.familyId, name: familyName, createdAt: at },
    meeting,
    version,
    agreedByName: 'Tom Price',
    authors: authorDirectoryOf(creditsOf(content)),
    scaling: scaling.map((each) => ({ ...each, meeting, round: { ...each.round, meetingId: meeting.id } })),
  });
}

/** Who the server would have recorded: the family's writers, a network member and the worker. */
function creditsOf(content: PlanContent): Credit[] {
  return [
    ...(content.familyWords ?? []).map((words): Credit => ({
      key: keyOf(words.author),
      name: words.author,
      relationship: words.relationship,
      role: 'family',
    })),
    { key: keyOf('Rita Evans'), name: 'Rita Evans', relationship: 'Maisie’s teacher', role: 'network' },
    { key: 'staff:staff-tom', name: 'Tom Price', role: 'staff' },
  ];
}

/** Two revealed rounds: one named, one anonymous. */
export function hollisScaling(): RevealedScalingRecord[] {
  const meeting = {
    id: 'meeting-export',
    familyId: 'family-export',
    type: 'family-network-meeting',
    title: '',
    date: '2026-11-20',
    state: 'agreed' as const,
    createdAt: at,
  };
  return hollis.scalingQuestions.map((question, index) => {
    const roundId = `round-${index + 1}`;
    const named = index === 0;
    return {
      meeting,
      round: {
        id: roundId,
        meetingId: meeting.id,
        question: {
          questionId: `q${index + 1}`,
          text: question.text,
          zeroMeans: question.zero,
          tenMeans: question.ten,
          tiedTo: { kind: 'standalone' as const },
        },
        named,
        open: false,
        startedAt: at + index * 60_000,
        startedBy: 'staff-tom',
        revealedAt: at + index * 60_000 + 30_000,
      },
      answers: [
        {
          roundId,
          participantKey: keyOf('Dani Hollis'),
          name: 'Dani Hollis',
          role: 'family',
          value: 6 + index,
          reason: 'Pat comes when I ring.',
          answeredAt: at,
        },
        {
          roundId,
          participantKey: keyOf('Pat Hollis'),
          name: 'Pat Hollis',
          role: 'network',
          value: 4 + index,
          reason: '',
          answeredAt: at,
        },
        {
          roundId,
          participantKey: keyOf('Tom Price'),
          name: 'Tom Price',
          role: 'professional',
          value: 3,
          reason: 'Still early days.',
          answeredAt: at,
        },
      ],
    };
  });
}

/** The Hollis family's plan, from the seed fixture, as the meeting would have agreed it. */
export function hollisContent(): PlanContent {
  return {
    statements: hollis.dangerStatements.map((pair) => ({ statement: pair.text, goal: pair.safetyGoal })),
    bottomLines: hollis.bottomLines,
    familyWords: hollis.existingStrengths.map((text) => ({
      text,
      author: 'Pat Hollis',
      relationship: 'Nan',
    })),
    rules: hollis.planRules.map((rule) => ({
      what: rule.rule,
      who: rule.who,
      when: rule.when,
      howWeKnow: rule.howWeKnow,
      answers: rule.answers,
    })),
    fireDrills: [
      {
        what: 'Dani rings Pat at 7pm on a quiet evening to check Pat answers.',
        who: ['Dani Hollis', 'Pat Hollis'],
        when: 'Once before the review',
      },
    ],
    nextSteps: hollis.nextSteps.map((step) => ({ what: step.what, who: [step.who], byWhen: step.by })),
    trajectory: [
      { step: 'Review the plan with the network', reviewDate: '18 December 2026' },
      { step: 'Core group meeting', reviewDate: '29 January 2027' },
    ],
    contingency:
      'If Pat cannot come, Dani rings Sam; if nobody can come, Dani rings the out-of-hours team on 0300 123 4567 before she drinks.',
    safetyObject:
      'A blue teddy kept on the kitchen shelf: when it is on the window sill, Dani needs Pat to come over.',
    people: hollis.network.map((person) => ({
      name: person.name,
      role:
        person.relationship === 'Social worker'
          ? 'staff'
          : person.relationship.includes('teacher')
            ? 'professional'
            : person.name.endsWith('Hollis')
              ? 'family'
              : 'network',
    })),
  };
}

/** Text that breaks naive exports: accents, apostrophes, emoji sequences, Arabic and Hebrew, and length. */
export const hardTexts = {
  accents: 'Zoë Ñúñez-Łukasiewicz and Françoise Øvergård-Dvořák',
  apostrophes: "Nan's rule: it's Zoë's mum’s turn on Fridays",
  emoji: 'Maisie draws 😀 and 👨‍👩‍👧 and ❤️ on the card',
  arabic: 'سوف تتصل الجدة كل مساء',
  hebrew: 'סבתא תתקשר כל ערב',
  mixed: 'Pat says مرحبا بكم and then שלום to everyone',
  long: `${'The family wants everyone to know that this plan is theirs and they wrote it together, '.repeat(18)}end.`,
  unbroken: 'x'.repeat(400),
};

/** A plan with 50 rules and every kind of hard text, for overflow, order and the benchmark. */
export function fiftyRuleContent(): PlanContent {
  const base = hollisContent();
  const names = [hardTexts.accents.split(' and ')[0]!, 'Pat Hollis', 'Sam Okoro', 'أمينة الحسن', 'נועה כהן'];
  return {
    ...base,
    statements: [...base.statements, { statement: hardTexts.long, goal: hardTexts.mixed }],
    bottomLines: [...base.bottomLines, hardTexts.apostrophes],
    familyWords: [
      { text: hardTexts.emoji, author: 'Maisie', relationship: 'Herself' },
      { text: hardTexts.arabic, author: 'أمينة الحسن', relationship: 'الأم' },
    ],
    rules: Array.from({ length: 50 }, (_, index) => ({
      what: `Rule ${index + 1}: ${[hardTexts.apostrophes, hardTexts.emoji, hardTexts.arabic, hardTexts.hebrew, hardTexts.mixed, hardTexts.accents][index % 6]}`,
      who: [names[index % names.length]!],
      when: index === 7 ? hardTexts.long : `Every day at ${(index % 12) + 1}pm`,
      howWeKnow: index === 9 ? hardTexts.unbroken : `Check ${index + 1} in the journal`,
      answers: [index % 3],
    })),
    people: [...base.people, ...names.map((name) => ({ name, role: 'network' }))],
  };
}
