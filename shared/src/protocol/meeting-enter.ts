import { z } from 'zod';
import { meetingIdSchema } from './document-name.ts';
import { screenKinds } from './meeting-live-state.ts';

/** A screen joins a meeting's live state; the ack carries the current MeetingLiveState. */
export const meetingEnterSchema = z
  .object({ meetingId: meetingIdSchema, screen: z.enum(screenKinds) })
  .strict();
export type MeetingEnter = z.infer<typeof meetingEnterSchema>;
