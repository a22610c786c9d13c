import { z } from 'zod';

/**
 * The short code a phone types to join a meeting. It is read aloud in a room and typed on old
 * phones, so it uses no character that looks or sounds like another: no 0/O, 1/I/L, and the
 * rest are upper case only. Six of these 31 characters give 31^6 (about 887 million) codes;
 * with guessing limited per address (10 wrong tries per 10 minutes) that is hopeless to guess.
 */
export const joinCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const joinCodeLength = 6;

const joinCodePattern = new RegExp(`^[${joinCodeAlphabet}]{${joinCodeLength}}$`);

/** Accepts what people type: lower case, spaces and dashes between groups. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(value: string): boolean {
  return joinCodePattern.test(value);
}

/** A typed code, normalised; anything that cannot be a code is refused before any lookup. */
export const joinCodeSchema = z
  .string()
  .max(32)
  .transform(normaliseJoinCode)
  .refine(isJoinCode, { message: `a join code is ${joinCodeLength} letters and digits` });

/** How the projector shows a code: two groups of three, easier to read aloud ("K7M 4QX"). */
export function formatJoinCodeForReading(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/**
 * Makes a code from a source of random bytes (the server passes crypto.randomBytes).
 * Rejection sampling keeps every character equally likely: bytes at or above the largest
 * multiple of the alphabet's size are thrown away.
 */
export function makeJoinCode(randomBytes: (count: number) => Uint8Array): string {
  const size = joinCodeAlphabet.length;
  const limit = 256 - (256 % size);
  let code = '';
  while (code.length < joinCodeLength) {
    for (const byte of randomBytes(joinCodeLength * 2)) {
      if (byte >= limit) continue;
      code += joinCodeAlphabet[byte % size];
      if (code.length === joinCodeLength) break;
    }
  }
  return code;
}
