import * as z from 'zod/mini';
import { failureCodes } from './result.ts';

/**
 * What the server answers a socket.io event it refuses [ACCESS31] when the event carries no
 * acknowledgement to answer through (an unknown or server-only name, or a request sent without
 * one): `server:refused`, with the same code and plain message an acknowledgement would carry.
 * `event` names the event only when it looks like an event name (never anything else it sent).
 */
export const eventRefusedSchema = z.strictObject({
  event: z.optional(z.string().check(z.maxLength(64))),
  code: z.enum(failureCodes),
  message: z.string(),
});
export type EventRefused = z.infer<typeof eventRefusedSchema>;

/**
 * The largest socket.io packet the server takes, in bytes [ACCESS35]: the largest real event
 * (`scaling:start`, three texts of 600 characters each, about 11 KB as escaped JSON at worst)
 * with room to spare.
 */
export const maxEventBytes = 16 * 1024;
