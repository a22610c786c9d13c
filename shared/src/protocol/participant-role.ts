import * as z from 'zod/mini';
import { participantRoles } from '../access/roles.ts';
import { meetingIdSchema } from './document-name.ts';

/**
 * Server -> one guest's screens: the chair gave them another role. From now on the server
 * judges their events and board edits by it (an observer's edits are refused), so the screen
 * shows or hides its editing controls to match.
 */
export const participantRoleSchema = z.strictObject({
  meetingId: meetingIdSchema,
  role: z.enum(participantRoles),
});
export type ParticipantRoleChanged = z.infer<typeof participantRoleSchema>;
