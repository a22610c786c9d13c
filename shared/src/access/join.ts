import * as z from 'zod/mini';
import { joinCodeSchema } from './join-code.ts';
import { guestRoleSchema } from './roles.ts';

/** POST /api/join: all a phone asks for. */
export const joinRequestSchema = z.strictObject({
  code: joinCodeSchema,
  name: z.string().check(z.trim(), z.minLength(1, 'your name'), z.maxLength(80)),
  relationship: z.string().check(z.trim(), z.minLength(1, 'how you know the child'), z.maxLength(80)),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** POST /api/meetings/:id/participants/:pid/admit and .../role. */
export const roleRequestSchema = z.strictObject({ role: guestRoleSchema });
export type RoleRequest = z.infer<typeof roleRequestSchema>;
