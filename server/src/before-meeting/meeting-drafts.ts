import {
  formatDocumentName,
  isMeetingTypeId,
  meetingTypes,
  readAgenda,
  readBottomLines,
  readScalingQuestions,
  readStatementPairs,
} from '@kinboard/shared';
import type { MeetingDrafts } from '@kinboard/shared/before-meeting/drafts';
import type { BoardDocuments } from '../realtime/plan-events.ts';
import type { Meeting } from '../store/store.ts';

/**
 * The meeting's drafts as they stand [DRAFT1]: read from the frame document the staff prepare
 * before the meeting opens (statements with their goals, bottom lines, scaling questions and the
 * proposed agenda), never a copy of them, so what the family reads is what the meeting will show.
 */
export async function meetingDrafts(
  documents: BoardDocuments,
  meeting: Meeting,
  sharedFrom: number,
): Promise<MeetingDrafts> {
  const frame = await documents.readDocument(
    formatDocumentName({ meetingId: meeting.id, part: 'frame' }),
    (doc) => ({
      statements: readStatementPairs(doc).map(({ id, statement, goal }) => ({ id, statement, goal })),
      bottomLines: readBottomLines(doc).map(({ id, text }) => ({ id, text })),
      scalingQuestions: readScalingQuestions(doc).map(({ id, text, zeroMeans, tenMeans }) => ({
        id,
        text,
        zeroMeans,
        tenMeans,
      })),
      agenda: readAgenda(doc)
        .filter((step) => !step.skipped)
        .map(({ id, title }) => ({ id, title })),
    }),
  );
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      date: meeting.date,
      typeName: isMeetingTypeId(meeting.type) ? meetingTypes[meeting.type].name : meeting.type,
    },
    ...frame,
    sharedFrom,
  };
}
