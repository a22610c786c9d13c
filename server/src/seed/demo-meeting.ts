import {
  addBottomLine,
  addCard,
  formatDocumentName,
  initialiseAgenda,
  initialiseBoardSettings,
  isMeetingTypeId,
  pairStatementWithGoal,
  type CardInput,
  type DomainId,
} from '@kinboard/shared';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import hollis from './hollis-family.json' with { type: 'json' };

/** The demo meeting every fresh install starts with: the (invented) Hollis family. */
export const demoMeetingId = 'demo-hollis';

const seededAt = Date.UTC(2026, 10, 20);
const socialWorker =
  hollis.network.find((person) => person.relationship === 'Social worker')?.name ?? 'Social worker';

/** The cards everyone can add to: what happened, what complicates it, what is working, next steps. */
function demoMap(): Uint8Array {
  const doc = new Y.Doc();
  const add = (
    domain: DomainId,
    text: string,
    author = socialWorker,
    perspective: CardInput['perspective'] = 'professional',
  ) => addCard(doc, { domain, text, author, perspective }, { now: seededAt });
  for (const text of hollis.harm) add('pastHarm', text);
  for (const text of hollis.complicatingFactors) add('complicatingFactors', text);
  for (const text of hollis.existingStrengths) add('existingStrengths', text, 'Pat Hollis', 'family');
  for (const text of hollis.existingSafety) add('existingSafety', text);
  for (const step of hollis.nextSteps) add('nextSteps', `${step.what} (${step.who}, ${step.by})`);
  return Y.encodeStateAsUpdate(doc);
}

/** What staff drafted before the meeting: statements with their goals, bottom lines, agenda, vocabulary. */
function demoFrame(): Uint8Array {
  const doc = new Y.Doc();
  const type = isMeetingTypeId(hollis.meetingType) ? hollis.meetingType : 'family-network-meeting';
  initialiseBoardSettings(doc, type);
  initialiseAgenda(doc, type);
  for (const statement of hollis.dangerStatements) {
    pairStatementWithGoal(doc, { statement: statement.text, goal: statement.safetyGoal }, { now: seededAt });
  }
  for (const line of hollis.bottomLines) addBottomLine(doc, line, { now: seededAt });
  return Y.encodeStateAsUpdate(doc);
}

/** Seeds the demo once: the meeting row and its documents are written in one transaction. */
export async function seedDemoMeeting(store: Store, log: Logger): Promise<void> {
  if (await store.getMeeting(demoMeetingId)) return;
  const now = Date.now();
  const documentName = (part: 'map' | 'frame') => formatDocumentName({ meetingId: demoMeetingId, part });
  const seeding = store.createMeeting({
    family: { id: 'demo-hollis-family', name: `${hollis.family} family`, createdAt: now },
    meeting: {
      id: demoMeetingId,
      familyId: 'demo-hollis-family',
      type: hollis.meetingType,
      title: `${hollis.family} family network meeting`,
      date: new Date(now).toISOString().slice(0, 10),
      state: 'open',
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
