import {
  columnIds,
  columnOf,
  domainIds,
  fireDrills,
  formatDocumentName,
  isMeetingTypeId,
  meetingTypes,
  nextSteps,
  planRules,
  readBoardSettings,
  readCards,
  readMeetingDecision,
  readScalingQuestions,
  wordsFor,
} from '@kinboard/shared';
import { agreedRecordSchemaVersion, type AgreedRecord } from '@kinboard/shared/export/index';
import {
  authorDirectoryOf,
  creditFor,
  isFamilyVoice,
  type AuthorDirectory,
} from '@kinboard/shared/access/credit';
import * as Y from 'yjs';
import { viewBeforeKey } from '@kinboard/shared/before-meeting/view-before';
import { meetingCredits } from '../access/authors.ts';
import { scalingViewFor } from '../realtime/scaling-view.ts';
import type {
  AgreedPlanVersion,
  ClientOwner,
  Family,
  Meeting,
  RevealedScalingRecord,
  Store,
  ViewBeforeRecord,
} from '../store/store.ts';

/** Reads one part of the agreed version from its stored Yjs bytes (an empty document if it had none). */
function agreedDoc(version: AgreedPlanVersion, part: 'map' | 'frame' | 'plan'): Y.Doc {
  const doc = new Y.Doc();
  const data = version.documents.find((each) => each.part === part)?.data;
  if (data) Y.applyUpdate(doc, data);
  return doc;
}

export interface AgreedRecordSources {
  family: Family;
  meeting: Meeting;
  version: AgreedPlanVersion;
  agreedByName: string;
  /** The family's revealed scaling rounds; only this meeting's, revealed before agreement, are kept. */
  scaling: readonly RevealedScalingRecord[];
  /** Everyone the server recorded for the meeting: who wrote each card [FIRST3]. */
  authors: AuthorDirectory;
  /** Who first wrote under each Yjs client id of the plan document [SYNC13]: who made each rule. */
  planOwners?: readonly ClientOwner[];
  /** The meeting's views sent before it; those brought in before agreement are kept [PRIOR5]. */
  viewsBefore?: readonly ViewBeforeRecord[];
}

/**
 * Who made each rule, fire drill and next step, from the client owners the server kept: the
 * entry's map was inserted under its writer's Yjs client id, which no screen can claim for
 * another [SYNC13]. An entry's own `authorId` is what its screen wrote, so it is not used.
 */
function planWritersOf(
  plan: Y.Doc,
  owners: readonly ClientOwner[],
  authors: AuthorDirectory,
): AgreedRecord['writers'] {
  const ownerOf = new Map(owners.map((owner) => [owner.client, owner.participant]));
  const writers: NonNullable<AgreedRecord['writers']> = {};
  for (const list of [planRules, fireDrills, nextSteps]) {
    for (const [id, item] of plan.getMap(list.root)._map) {
      if (item.deleted) continue;
      const credit = authors.get(ownerOf.get(item.id.client) ?? '');
      if (credit)
        writers[id] = {
          name: credit.name,
          ...(credit.relationship ? { relationship: credit.relationship } : {}),
        };
    }
  }
  return writers;
}

/**
 * The agreed version as exported, from what the store keeps of it: the board as agreed, the
 * vocabulary and the family's own cards read from the version's own documents (never the live
 * board), and the meeting's scaling rounds as everyone saw them at the reveal.
 */
export function agreedRecordOf({
  family,
  meeting,
  version,
  agreedByName,
  scaling,
  authors,
  planOwners = [],
  viewsBefore = [],
}: AgreedRecordSources): AgreedRecord {
  const frame = agreedDoc(version, 'frame');
  const map = agreedDoc(version, 'map');
  const settings = readBoardSettings(frame);
  const words = wordsFor(settings.vocabularyId, settings.customLabel);
  // Only what the server recorded as a family member's or a child's: a card's perspective is
  // what its screen claimed, and a worker's card typed for the family is not their words [EXPORT5].
  const cards = readCards(map);
  const decision = readMeetingDecision(frame);
  const broughtIn = new Set(cards.map((card) => card.authorId));
  const questionText = new Map(readScalingQuestions(frame).map((question) => [question.id, question.text]));
  const sentBefore = viewsBefore
    // Brought in before agreement: its cards are in the agreed map (read from the version itself,
    // so no clock is compared; the agreement is dated by another one than the API's).
    .filter((view) => view.broughtInAt !== undefined && broughtIn.has(viewBeforeKey(view.id)))
    .map((view) => ({
      name: view.name,
      relationship: view.relationship,
      sentAt: view.sentAt,
      broughtInAt: view.broughtInAt!,
      scaling: view.scaling.map(({ questionId, value }) => ({
        question: questionText.get(questionId) ?? questionId,
        value,
      })),
    }));
  const familyWords = cards
    .filter((card) => isFamilyVoice(authors, card.authorId))
    .map(({ domain, text, author, authorId }) => {
      const { name, relationship } = creditFor(authors, authorId, author);
      return { domain, text, author: name, ...(relationship ? { relationship } : {}) };
    });
  const plan = agreedDoc(version, 'plan');
  const writers = planWritersOf(plan, planOwners, authors);
  frame.destroy();
  map.destroy();
  plan.destroy();
  return {
    schemaVersion: agreedRecordSchemaVersion,
    family: { id: family.id, name: family.name },
    meeting: {
      id: meeting.id,
      type: meeting.type,
      typeName: isMeetingTypeId(meeting.type) ? meetingTypes[meeting.type].name : meeting.type,
      title: meeting.title,
      date: meeting.date,
    },
    version: {
      number: version.version,
      startedAt: version.startedAt,
      agreedAt: version.agreedAt,
      agreedBy: { id: version.agreedBy, name: agreedByName },
    },
    vocabulary: {
      id: words.vocabularyId,
      frameworkName: words.frameworkName,
      statement: words.statement,
      goal: words.goal,
      bottomLine: words.bottomLine,
      columns: Object.fromEntries(columnIds.map((column) => [column, words.columns[column]])),
      domains: Object.fromEntries(domainIds.map((domain) => [domain, words.domains[domain].title])),
    },
    board: version.board,
    familyWords,
    writers,
    map: cards.map(({ id, domain, text, author, authorId, perspective }) => {
      const { name, relationship, sentBefore } = creditFor(authors, authorId, author);
      const credit = {
        author: name,
        ...(relationship ? { relationship } : {}),
        ...(sentBefore ? { sentBefore } : {}),
      };
      return { id, column: columnOf(domain), domain, text, ...credit, perspective };
    }),
    decision: { text: decision.decision, nextMeetingDate: decision.nextMeetingDate },
    ...(sentBefore.length > 0 ? { sentBefore } : {}),
    participants: version.participants,
    agreement: version.answers.map(({ participantKey, name, role, agrees, reason, at }) => ({
      ...{ participantKey, name, role, agrees, at },
      ...(reason ? { reason } : {}),
    })),
    documents: version.documents.map(({ part, data }) => ({
      part,
      yjsUpdateBase64: Buffer.from(data).toString('base64'),
    })),
    scaling: scaling
      .filter(
        ({ round }) => round.meetingId === meeting.id && (round.revealedAt ?? Infinity) <= version.agreedAt,
      )
      .map(({ round, answers }) => ({
        roundId: round.id,
        question: {
          text: round.question.text,
          zeroMeans: round.question.zeroMeans,
          tenMeans: round.question.tenMeans,
        },
        named: round.named,
        revealedAt: round.revealedAt!,
        points: scalingViewFor(round, answers, { participantKey: undefined, role: 'observer' }).points,
      })),
  };
}

/** The record of one agreed version, or undefined when the meeting has no such version. */
export async function loadAgreedRecord(
  store: Store,
  meeting: Meeting,
  versionNumber: number,
): Promise<AgreedRecord | undefined> {
  const version = await store.getPlanVersion(meeting.id, versionNumber);
  const family = await store.getFamily(meeting.familyId);
  if (!version || !family) return undefined;
  const agreedBy = await store.getStaff(version.agreedBy);
  const authors = authorDirectoryOf(await meetingCredits(store, meeting.id));
  return agreedRecordOf({
    family,
    meeting,
    version,
    agreedByName: agreedBy?.name ?? version.agreedBy,
    scaling: await store.listRevealedScalingOfFamily(family.id),
    authors,
    planOwners: await store.loadClientOwners(formatDocumentName({ meetingId: meeting.id, part: 'plan' })),
    viewsBefore: await store.listViewsBefore(meeting.id),
  });
}
