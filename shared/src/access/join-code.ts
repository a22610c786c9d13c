import * as z from 'zod/mini';

/**
 * The code a phone types to join a meeting. It is read aloud in a room and typed on old phones,
 * so it uses no character that looks or sounds like another: no 0/O, 1/I/L, and the rest are
 * upper case only. Eight of these 31 characters give 31^8 (about 852 billion) codes: with the
 * wrong-code limits of server/SPEC.md [ACCESS6] an attacker with many addresses would need
 * decades to find one open meeting, while a meeting is open for hours.
 */
export const joinCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const joinCodeLength = 8;

const joinCodePattern = new RegExp(`^[${joinCodeAlphabet}]{${joinCodeLength}}$`);

/** Accepts what people type: any case, spaces and dashes between groups. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(value: string): boolean {
  return joinCodePattern.test(value);
}

/** A typed code, normalised; anything that cannot be a code is refused before any lookup. */
export const joinCodeSchema = z
  .pipe(z.string().check(z.maxLength(32)), z.transform(normaliseJoinCode))
  .check(z.refine(isJoinCode, { message: `a join code is ${joinCodeLength} letters and digits` }));

/** How screens show a code: two groups of four, easier to read aloud and type ("K7M4-QXR9"). */
export function formatJoinCodeForReading(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)}-${code.slice(half)}`;
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
