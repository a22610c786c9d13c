import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Staff } from '../store/store.ts';
import { readCookie, setCookieHeader } from './cookies.ts';

/**
 * OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that signed in as someone gets a cookie naming that account, and its later sign-ins are
 * counted by that cookie alone, so failures from anywhere else never slow the worker at their
 * own browser [ACCESS3]. The cookie is signed with the account's password hash, which only the
 * server holds: nobody can make one, and changing the password retires every one.
 */
export const deviceCookieName = 'kinboard_device';
const maxAgeSeconds = 180 * 24 * 60 * 60;

function signature(staff: Pick<Staff, 'id' | 'passwordHash'>, nonce: string): Buffer {
  return createHmac('sha256', staff.passwordHash).update(`kinboard-device:${staff.id}:${nonce}`).digest();
}

/** A Set-Cookie header naming this account, for a browser that just signed in. */
export function deviceCookieFor(staff: Pick<Staff, 'id' | 'passwordHash'>, secure: boolean): string {
  const nonce = randomBytes(16).toString('base64url');
  const value = `${staff.id}.${nonce}.${signature(staff, nonce).toString('base64url')}`;
  return setCookieHeader(deviceCookieName, value, { maxAge: maxAgeSeconds, secure });
}

/** The device's own key when this request carries a genuine device cookie for this account. */
export function trustedDevice(
  headers: IncomingHttpHeaders,
  staff: Pick<Staff, 'id' | 'passwordHash'> | undefined,
): string | undefined {
  const value = readCookie(headers, deviceCookieName);
  if (!staff || !value) return undefined;
  const [id, nonce, presented, ...rest] = value.split('.');
  if (id !== staff.id || !nonce || !presented || rest.length > 0) return undefined;
  const expected = signature(staff, nonce);
  const given = Buffer.from(presented, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : undefined;
}
