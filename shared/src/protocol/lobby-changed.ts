import { z } from 'zod';
import { guestRoleSchema, participantStatuses } from '../access/roles.ts';
import { meetingIdSchema } from './document-name.ts';

/**
 * Server -> the meeting's staff screens: someone joined the lobby, or was admitted, refused or
 * given another role, so the chair's lobby updates without polling. The same fields as
 * `GET /api/meetings/:id/lobby` gives for one person.
 */
export const lobbyChangedSchema = z
  .object({
    meetingId: meetingIdSchema,
    participant: z
      .object({
        id: z.string().min(1),
        name: z.string(),
        relationship: z.string(),
        role: guestRoleSchema.nullable(),
        status: z.enum(participantStatuses),
        joinedAt: z.number().int(),
        decidedAt: z.number().int().nullable(),
      })
      .strict(),
  })
  .strict();
export type LobbyChanged = z.infer<typeof lobbyChangedSchema>;
