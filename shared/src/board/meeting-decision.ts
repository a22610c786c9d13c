import * as Y from 'yjs';
import * as z from 'zod/mini';
import { readText, replaceText } from './text-edit.ts';

/**
 * What the meeting decided, and when it meets next [EXPORT8]: the chair writes them (the frame
 * is written by staff only), and they go into the case record. Root Y.Map `meetingDecision` of
 * the `frame` document: `decision` (Y.Text) and `nextMeetingDate` (yyyy-mm-dd, or none). The
 * plan's lock leaves them open, like the agenda, so the chair can write them while everyone is
 * asked to agree; a meeting carried forward starts without them.
 */
export const meetingDecisionRoot = 'meetingDecision';
export const maxDecisionLength = 4000;
export const nextMeetingDateSchema = z.union([
  z.literal(''),
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
]);

export interface MeetingDecision {
  decision: string;
  /** yyyy-mm-dd, or '' when no date is set. */
  nextMeetingDate: string;
}

export function meetingDecisionOf(frame: Y.Doc): Y.Map<unknown> {
  return frame.getMap(meetingDecisionRoot);
}

/** The decision's shared text, created on first use. */
export function decisionText(frame: Y.Doc): Y.Text {
  const root = meetingDecisionOf(frame);
  const value = root.get('decision');
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(readText(value) ?? '');
  root.set('decision', text);
  return text;
}

export function editMeetingDecision(frame: Y.Doc, changes: Partial<MeetingDecision>): boolean {
  if (
    changes.nextMeetingDate !== undefined &&
    !nextMeetingDateSchema.safeParse(changes.nextMeetingDate).success
  )
    return false;
  frame.transact(() => {
    if (changes.decision !== undefined)
      replaceText(decisionText(frame), changes.decision.slice(0, maxDecisionLength));
    if (changes.nextMeetingDate !== undefined)
      meetingDecisionOf(frame).set('nextMeetingDate', changes.nextMeetingDate);
  });
  return true;
}

export function readMeetingDecision(frame: Y.Doc): MeetingDecision {
  const root = meetingDecisionOf(frame);
  const date = root.get('nextMeetingDate');
  return {
    decision: readText(root.get('decision')) ?? '',
    nextMeetingDate: typeof date === 'string' && nextMeetingDateSchema.safeParse(date).success ? date : '',
  };
}
