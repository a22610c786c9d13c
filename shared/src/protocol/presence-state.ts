import * as z from 'zod/mini';
import { participantRoles } from '../access/roles.ts';
import { columnIds } from '../vocabulary/domains.ts';
import { screenKinds } from './meeting-live-state.ts';

/** What a screen may say of itself in its presence; anything else it sends is dropped [SYNC26]. */
export const ownPresenceFields = {
  screen: z.enum(screenKinds),
  /** The column this person is looking at, or null at the welcome. */
  column: z.nullable(z.enum(columnIds)),
  /** The card this person is typing in (cards' ids are `c_` and 16 characters), if any. */
  typing: z.nullable(z.string().check(z.maxLength(64))),
  /** A cursor colour, as y-websocket's `user.color`. */
  color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)),
};

const recordedName = z.string().check(z.maxLength(120));
const recordedRole = z.enum(participantRoles);

/**
 * A screen's presence on a board document as every other screen sees it [SYNC26]: the only
 * fields the server relays, at every depth. `name` and `role`, and `user.name` and `user.role`
 * (where y-websocket and tldraw conventions read them), are the admission record's; `screen`,
 * `column` and `typing` are the screen's own unless its role only reads, when the server sets
 * them; `user.color` is the screen's own.
 */
export const presenceStateSchema = z.strictObject({
  name: recordedName,
  role: recordedRole,
  screen: z.optional(ownPresenceFields.screen),
  column: z.optional(ownPresenceFields.column),
  typing: z.optional(ownPresenceFields.typing),
  user: z.strictObject({
    name: recordedName,
    role: recordedRole,
    color: z.optional(ownPresenceFields.color),
  }),
});
export type PresenceState = z.infer<typeof presenceStateSchema>;
