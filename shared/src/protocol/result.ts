import type * as z from 'zod/mini';

/**
 * What every socket.io acknowledgement carries: the value, or an expected failure as a value
 * with a plain message the screen can show as it is.
 */
export const failureCodes = [
  'bad-request',
  'not-admitted',
  'forbidden',
  'not-found',
  'conflict',
  'too-many',
] as const;
export type FailureCode = (typeof failureCodes)[number];

export type Result<T> = { ok: true; value: T } | { ok: false; code: FailureCode; message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: FailureCode, message: string): Result<never> => ({ ok: false, code, message });

/** Turns a failed parse into the message a screen shows; field paths, never the sent values. */
export function describeInvalid(error: z.core.$ZodError): string {
  const first = error.issues[0];
  return first
    ? `That request was not understood (${first.path.join('.') || 'message'}: ${first.message}).`
    : 'That request was not understood.';
}
