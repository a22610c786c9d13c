import * as z from 'zod/mini';
import { guestRoleSchema, participantStatuses } from '../access/roles.ts';
import { meetingIdSchema } from './document-name.ts';

/**
 * Server -> the meeting's staff screens: someone joined the lobby, or was admitted, refused or
 * given another role, so the chair's lobby updates without polling. The same fields as
 * `GET /api/meetings/:id/lobby` gives for one person.
 */
export const lobbyChangedSchema = z.strictObject({
  meetingId: meetingIdSchema,
  participant: z.strictObject({
    id: z.string().check(z.minLength(1)),
    name: z.string(),
    relationship: z.string(),
    role: z.nullable(guestRoleSchema),
    status: z.enum(participantStatuses),
    joinedAt: z.int(),
    decidedAt: z.nullable(z.int()),
  }),
});
export type LobbyChanged = z.infer<typeof lobbyChangedSchema>;
