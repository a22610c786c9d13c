import * as z from 'zod/mini';
import { meetingFocusSchema } from './meeting-live-state.ts';

/** The chair moves everyone to an agenda step and/or map column ("follow me"). */
export const chairFocusSchema = z.strictObject({ focus: meetingFocusSchema });
export type ChairFocus = z.infer<typeof chairFocusSchema>;

/** The chair undoes the last move: focus goes back to previousFocus. */
export const chairUndoFocusSchema = z.strictObject({});
export type ChairUndoFocus = z.infer<typeof chairUndoFocusSchema>;
