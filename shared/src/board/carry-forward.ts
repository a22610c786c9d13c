import * as Y from 'yjs';
import type { MeetingTypeId } from '../vocabulary/meeting-types.ts';
import { meetingTypes } from '../vocabulary/meeting-types.ts';
import { initialiseAgenda } from './agenda.ts';
import { writeBoardSettings } from './board-settings.ts';
import { essentialsReasonKey } from './agreement-essentials.ts';
import { fireDrills } from './fire-drill.ts';
import { meetingDecisionOf } from './meeting-decision.ts';
import { planNotesOf } from './plan-notes.ts';
import { nextSteps } from './next-step.ts';
import { planRules } from './plan-rule.ts';
import { planTests } from './plan-test.ts';
import { trajectorySteps } from './trajectory-step.ts';

/**
 * A new meeting for a family starts from its last agreed version [PLAN8]: the agreed frame
 * (statements and goals, bottom lines, and any other root it holds, with their ids) and plan,
 * read from the agreed bytes into new documents, so the earlier record is never touched. The
 * agenda and vocabulary are the new meeting type's. Guests are named by name only: their keys
 * belonged to the earlier meeting's join (staff keep theirs, which do not change).
 */
export function carryForward(
  agreed: { frame?: Uint8Array | undefined; plan?: Uint8Array | undefined },
  type: MeetingTypeId,
): { frame: Uint8Array; plan: Uint8Array | undefined } {
  const frame = new Y.Doc();
  if (agreed.frame) Y.applyUpdate(frame, agreed.frame);
  writeBoardSettings(frame, { vocabularyId: meetingTypes[type].defaultVocabulary, customLabel: null });
  initialiseAgenda(frame, type, { replace: true });
  // What the earlier meeting decided, and why it agreed without an essential, were that meeting's.
  meetingDecisionOf(frame).clear();
  let plan: Uint8Array | undefined;
  if (agreed.plan) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, agreed.plan);
    doc.transact(() => {
      planNotesOf(doc).delete(essentialsReasonKey);
      planTests.of(doc).clear();
      for (const list of [planRules, fireDrills, nextSteps, trajectorySteps] as const)
        for (const entry of list.read(doc))
          for (const person of entry.who)
            if (person.key?.startsWith('guest:')) {
              list.removePerson(doc, entry.id, person);
              list.addPerson(doc, entry.id, { name: person.name });
            }
    });
    plan = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  const frameBytes = Y.encodeStateAsUpdate(frame);
  frame.destroy();
  return { frame: frameBytes, plan };
}
