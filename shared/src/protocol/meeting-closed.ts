import * as z from 'zod/mini';
import { meetingIdSchema } from './document-name.ts';

/**
 * Server -> every screen of a meeting, last of all: the chair closed it. The server disconnects
 * the screen right after, and its board connections close with 4410; the phone shows its
 * goodbye and forgets the board.
 */
export const meetingClosedSchema = z.strictObject({ meetingId: meetingIdSchema });
export type MeetingClosed = z.infer<typeof meetingClosedSchema>;
