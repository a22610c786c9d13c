import * as z from 'zod/mini';

/**
 * Server -> one socket, last of all: the access it rested on has ended (signed out, session
 * expired, account disabled, password changed, role lowered, family access removed, guest let
 * go). `code` is the sync endpoint's close code for the same end (close-codes.ts); the server
 * disconnects the socket right after, and the screen says so instead of reconnecting.
 */
export const accessEndedSchema = z.strictObject({
  code: z.int(),
  reason: z.string().check(z.maxLength(200)),
});
export type AccessEnded = z.infer<typeof accessEndedSchema>;
