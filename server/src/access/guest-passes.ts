import type { IncomingHttpHeaders } from 'node:http';
import type { Participant, Store } from '../store/store.ts';
import { guestCookieName, readCookie, setCookieHeader } from './cookies.ts';
import { hashSecret, newId, newSecret, secretMatches } from './secrets.ts';

export interface IssuedPass {
  participantId: string;
  /** What the store keeps: the SHA-256 of the secret. */
  passHash: string;
  setCookie: string;
}

/**
 * A guest's pass: `<participantId>.<secret>` in an httpOnly cookie with no Max-Age, so closing
 * the browser forgets it and nothing stays on the phone. It names one participant, who belongs
 * to one meeting: the pass is good for that meeting only, and only while the server says so.
 */
export function issueGuestPass(secure: boolean): IssuedPass {
  const participantId = newId();
  const secret = newSecret();
  return {
    participantId,
    passHash: hashSecret(secret),
    setCookie: setCookieHeader(guestCookieName, `${participantId}.${secret}`, { secure }),
  };
}

/** The participant whose pass the request carries, if the pass is genuine (any status). */
export async function guestOfPass(
  store: Store,
  headers: IncomingHttpHeaders,
): Promise<Participant | undefined> {
  const value = readCookie(headers, guestCookieName);
  if (!value) return undefined;
  const dot = value.indexOf('.');
  if (dot <= 0) return undefined;
  const participant = await store.getParticipant(value.slice(0, dot));
  if (!participant || !secretMatches(value.slice(dot + 1), participant.passHash)) return undefined;
  return participant;
}
