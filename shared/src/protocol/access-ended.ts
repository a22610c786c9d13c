import { z } from 'zod';

/**
 * Server -> one socket, last of all: the access it rested on has ended (signed out, session
 * expired, account disabled, password changed, role lowered, family access removed, guest let
 * go). `code` is the sync endpoint's close code for the same end (close-codes.ts); the server
 * disconnects the socket right after, and the screen says so instead of reconnecting.
 */
export const accessEndedSchema = z.object({ code: z.number().int(), reason: z.string().max(200) }).strict();
export type AccessEnded = z.infer<typeof accessEndedSchema>;
