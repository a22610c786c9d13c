import * as z from 'zod/mini';
import { agendaStepIdSchema } from '../vocabulary/agenda-step.ts';
import { columnIds } from '../vocabulary/domains.ts';
import { meetingIdSchema } from './document-name.ts';

/**
 * What the server decides about a running meeting and shows every screen: where the chair is
 * (agenda step and map column), whether screens follow, which columns are locked, the timer.
 * Co-edited content lives in Yjs; this does not, because only the chair may change it.
 */
export const screenKinds = ['chair', 'projector', 'phone'] as const;
export type ScreenKind = (typeof screenKinds)[number];

export const meetingFocusSchema = z.strictObject({
  /** The agenda step being discussed, by id, or null before the first. */
  stepId: z.nullable(agendaStepIdSchema),
  /** The map column phones show while following, or null for the welcome screen. */
  column: z.nullable(z.enum(columnIds)),
});
export type MeetingFocus = z.infer<typeof meetingFocusSchema>;

export const meetingTimerSchema = z.strictObject({
  durationMs: z.int().check(z.gte(0), z.lte(4 * 60 * 60 * 1000)),
  /** When it was last started (server clock, ms since epoch), or null while paused. */
  startedAt: z.nullable(z.int()),
  /** What was left when it was last paused or set. */
  remainingMs: z.int().check(z.gte(0)),
});
export type MeetingTimer = z.infer<typeof meetingTimerSchema>;

export const meetingLiveStateSchema = z.strictObject({
  meetingId: meetingIdSchema,
  follow: z.boolean(),
  focus: meetingFocusSchema,
  /** The focus before the chair's last move, so an accidental move can be undone. */
  previousFocus: z.nullable(meetingFocusSchema),
  lockedColumns: z.array(z.enum(columnIds)),
  timer: meetingTimerSchema,
  /** The server's clock when this was sent, so screens can show the timer without drift. */
  serverNow: z.int(),
});
export type MeetingLiveState = z.infer<typeof meetingLiveStateSchema>;
