import { z } from 'zod';
import { participantRoles } from '../access/roles.ts';
import { columnIds } from '../vocabulary/domains.ts';
import { screenKinds } from './meeting-live-state.ts';

/** What a screen may say of itself in its presence; anything else it sends is dropped [SYNC26]. */
export const ownPresenceFields = {
  screen: z.enum(screenKinds),
  /** The column this person is looking at, or null at the welcome. */
  column: z.enum(columnIds).nullable(),
  /** The card this person is typing in (cards' ids are `c_` and 16 characters), if any. */
  typing: z.string().max(64).nullable(),
  /** A cursor colour, as y-websocket's `user.color`. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
};

const recordedName = z.string().max(120);
const recordedRole = z.enum(participantRoles);

/**
 * A screen's presence on a board document as every other screen sees it [SYNC26]: the only
 * fields the server relays, at every depth. `name` and `role`, and `user.name` and `user.role`
 * (where y-websocket and tldraw conventions read them), are the admission record's; `screen`,
 * `column` and `typing` are the screen's own unless its role only reads, when the server sets
 * them; `user.color` is the screen's own.
 */
export const presenceStateSchema = z
  .object({
    name: recordedName,
    role: recordedRole,
    screen: ownPresenceFields.screen.optional(),
    column: ownPresenceFields.column.optional(),
    typing: ownPresenceFields.typing.optional(),
    user: z
      .object({ name: recordedName, role: recordedRole, color: ownPresenceFields.color.optional() })
      .strict(),
  })
  .strict();
export type PresenceState = z.infer<typeof presenceStateSchema>;
