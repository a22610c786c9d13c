import * as z from 'zod/mini';
import { meetingIdSchema } from './document-name.ts';
import { screenKinds } from './meeting-live-state.ts';

/** A screen joins a meeting's live state; the ack carries the current MeetingLiveState. */
export const meetingEnterSchema = z.strictObject({ meetingId: meetingIdSchema, screen: z.enum(screenKinds) });
export type MeetingEnter = z.infer<typeof meetingEnterSchema>;
