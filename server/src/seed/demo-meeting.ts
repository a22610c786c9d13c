import {
  addBottomLine,
  addCard,
  addScalingQuestion,
  formatDocumentName,
  initialiseAgenda,
  initialiseBoardSettings,
  isMeetingTypeId,
  pairStatementWithGoal,
  type DomainId,
} from '@kinboard/shared';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import hollis from './hollis-family.json' with { type: 'json' };

/** The demo meeting every fresh install starts with: the (invented) Hollis family. */
export const demoMeetingId = 'demo-hollis';
const demoFamilyId = 'demo-hollis-family';

const seededAt = Date.UTC(2026, 10, 20);
const socialWorker =
  hollis.network.find((person) => person.relationship === 'Social worker')?.name ?? 'Social worker';

/**
 * The cards everyone can add to: what happened, what complicates it, what is working, next
 * steps. The social worker wrote them before the meeting, so they are credited to the worker and
 * none of them is the family's own words [FIRST3, EXPORT5]: those come from the family's phones.
 */
function demoMap(): Uint8Array {
  const doc = new Y.Doc();
  const add = (domain: DomainId, text: string) =>
    addCard(doc, { domain, text, author: socialWorker, perspective: 'professional' }, { now: seededAt });
  for (const text of hollis.harm) add('pastHarm', text);
  for (const text of hollis.complicatingFactors) add('complicatingFactors', text);
  for (const text of hollis.existingStrengths) add('existingStrengths', text);
  for (const text of hollis.existingSafety) add('existingSafety', text);
  for (const step of hollis.nextSteps) add('nextSteps', `${step.what} (${step.who}, ${step.by})`);
  return Y.encodeStateAsUpdate(doc);
}

/** What staff drafted before the meeting: statements with their goals, bottom lines, scaling questions, agenda, vocabulary. */
function demoFrame(): Uint8Array {
  const doc = new Y.Doc();
  const type = isMeetingTypeId(hollis.meetingType) ? hollis.meetingType : 'family-network-meeting';
  initialiseBoardSettings(doc, type);
  initialiseAgenda(doc, type);
  for (const statement of hollis.dangerStatements) {
    pairStatementWithGoal(doc, { statement: statement.text, goal: statement.safetyGoal }, { now: seededAt });
  }
  for (const line of hollis.bottomLines) addBottomLine(doc, line, { now: seededAt });
  for (const question of hollis.scalingQuestions)
    addScalingQuestion(
      doc,
      {
        text: question.text,
        zeroMeans: question.zero,
        tenMeans: question.ten,
        tiedTo: { kind: 'standalone' },
      },
      { now: seededAt },
    );
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Seeds the demo once [FIRST1]: the family with its children and network, and a meeting that is
 * being prepared, opened from the family page or the chair console like any other (so it gets a
 * join code of its own, never one every install shares). Written in one transaction.
 */
export async function seedDemoMeeting(store: Store, log: Logger): Promise<void> {
  if (await store.getMeeting(demoMeetingId)) return;
  const now = Date.now();
  const documentName = (part: 'map' | 'frame') => formatDocumentName({ meetingId: demoMeetingId, part });
  const seeding = store.createMeeting({
    family: { id: demoFamilyId, name: `${hollis.family} family`, createdAt: now },
    children: hollis.children.map((child, index) => ({
      id: `demo-hollis-child-${index + 1}`,
      familyId: demoFamilyId,
      name: child.name,
    })),
    network: hollis.network.map((person, index) => ({
      id: `demo-hollis-person-${index + 1}`,
      familyId: demoFamilyId,
      name: person.name,
      relationship: person.relationship,
    })),
    meeting: {
      id: demoMeetingId,
      familyId: demoFamilyId,
      type: hollis.meetingType,
      title: `${hollis.family} family network meeting`,
      date: new Date(now).toISOString().slice(0, 10),
      state: 'preparing',
      createdAt: now,
    },
    documents: [
      { documentName: documentName('map'), update: demoMap() },
      { documentName: documentName('frame'), update: demoFrame() },
    ],
  });
  try {
    await seeding;
  } catch (error) {
    // Servers sharing one database and starting together: another one seeded it first.
    if (await store.getMeeting(demoMeetingId)) return;
    throw error;
  }
  log.info({ meeting: demoMeetingId }, 'seeded the demo meeting');
}
