import { z } from 'zod';
import { joinCodeSchema } from './join-code.ts';
import { guestRoleSchema } from './roles.ts';

/** POST /api/join: all a phone asks for. */
export const joinRequestSchema = z
  .object({
    code: joinCodeSchema,
    name: z.string().trim().min(1, 'your name').max(80),
    relationship: z.string().trim().min(1, 'how you know the child').max(80),
  })
  .strict();
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** POST /api/meetings/:id/participants/:pid/admit and .../role. */
export const roleRequestSchema = z.object({ role: guestRoleSchema }).strict();
export type RoleRequest = z.infer<typeof roleRequestSchema>;
