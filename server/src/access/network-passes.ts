import type { IncomingHttpHeaders } from 'node:http';
import type { NetworkPass, Store } from '../store/store.ts';
import { networkPassCookieName, readCookie, setCookieHeader } from './cookies.ts';
import { hashSecret, newId, newSecret, secretMatches } from './secrets.ts';

/** Where the pass's cookie is sent: its own routes, and nothing else of the site [PASS3]. */
export const passCookiePath = '/api/pass';

/** A new pass's id, its secret's hash for the store, and the token the link carries. */
export function newPassSecret(): { id: string; secretHash: string; token: string } {
  const id = newId();
  const secret = newSecret();
  return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

/**
 * The link for the holder's phone. The token rides after `#`, so it is never sent to a server
 * (no access log, no Referer): the page reads it and trades it for the cookie [PASS3].
 */
export const passLink = (token: string) => `/pass#${token}`;

/** The cookie for one browser session: no Max-Age, httpOnly, only for `/api/pass` [PASS3]. */
export const passCookie = (token: string, secure: boolean) =>
  setCookieHeader(networkPassCookieName, token, { secure, path: passCookiePath });

export type PassCheck =
  | { ok: true; pass: NetworkPass }
  /** `unknown`: no pass, a forged one, a wrong secret; `ended`: revoked, reissued or past its end. */
  | { ok: false; why: 'unknown' | 'ended'; pass?: NetworkPass };

/** Whether a token opens anything now [PASS2] [PASS4]. */
export async function checkPassToken(
  store: Store,
  token: string | undefined,
  now: number,
): Promise<PassCheck> {
  if (!token) return { ok: false, why: 'unknown' };
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, why: 'unknown' };
  const pass = await store.getPass(token.slice(0, dot));
  if (!pass || !secretMatches(token.slice(dot + 1), pass.secretHash)) return { ok: false, why: 'unknown' };
  if (pass.revokedAt !== undefined || pass.endsAt <= now) return { ok: false, why: 'ended', pass };
  return { ok: true, pass };
}

/** The pass a request's cookie carries, checked as `checkPassToken`. */
export function passOfRequest(store: Store, headers: IncomingHttpHeaders, now: number): Promise<PassCheck> {
  return checkPassToken(store, readCookie(headers, networkPassCookieName), now);
}

/** The end of the day `endsOn` (yyyy-mm-dd), UTC: the pass works through that whole day. */
export function endOfDay(endsOn: string): number {
  return Date.parse(`${endsOn}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}
