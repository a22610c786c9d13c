import { z } from 'zod';
import { meetingFocusSchema } from './meeting-live-state.ts';

/** The chair moves everyone to an agenda step and/or map column ("follow me"). */
export const chairFocusSchema = z.object({ focus: meetingFocusSchema }).strict();
export type ChairFocus = z.infer<typeof chairFocusSchema>;

/** The chair undoes the last move: focus goes back to previousFocus. */
export const chairUndoFocusSchema = z.object({}).strict();
export type ChairUndoFocus = z.infer<typeof chairUndoFocusSchema>;
