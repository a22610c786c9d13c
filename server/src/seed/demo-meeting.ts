import { addCard, formatDocumentName, type CardInput, type DomainId } from '@kinboard/shared';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import hollis from './hollis-family.json' with { type: 'json' };

/** The demo meeting every fresh install starts with: the (invented) Hollis family. */
export const demoMeetingId = 'demo-hollis';

function demoMapUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const socialWorker =
    hollis.network.find((person) => person.relationship === 'Social worker')?.name ?? 'Social worker';
  const add = (
    domain: DomainId,
    text: string,
    author = socialWorker,
    perspective: CardInput['perspective'] = 'professional',
  ) => addCard(doc, { domain, text, author, perspective }, { now: Date.UTC(2026, 10, 20) });
  for (const text of hollis.harm) add('pastHarm', text);
  for (const statement of hollis.dangerStatements) add('futureDanger', statement.text);
  for (const text of hollis.complicatingFactors) add('complicatingFactors', text);
  for (const text of hollis.existingStrengths) add('existingStrengths', text, 'Pat Hollis', 'family');
  for (const text of hollis.existingSafety) add('existingSafety', text);
  for (const statement of hollis.dangerStatements) add('goals', statement.safetyGoal);
  for (const step of hollis.nextSteps) add('nextSteps', `${step.what} (${step.who}, ${step.by})`);
  return Y.encodeStateAsUpdate(doc);
}

/** Seeds the demo once: the meeting row and its board are written in one transaction. */
export async function seedDemoMeeting(store: Store, log: Logger): Promise<void> {
  if (await store.getMeeting(demoMeetingId)) return;
  const now = Date.now();
  await store.createMeeting({
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
      {
        documentName: formatDocumentName({ meetingId: demoMeetingId, part: 'map' }),
        update: demoMapUpdate(),
      },
    ],
  });
  log.info({ meeting: demoMeetingId }, 'seeded the demo meeting');
}
