import type { IncomingHttpHeaders } from 'node:http';
import type { Staff, StaffSession, Store } from '../store/store.ts';
import { clearCookieHeader, readCookie, setCookieHeader, staffCookieName } from './cookies.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** A session's last use is written at most this often, so each request is not a write. */
const touchEveryMs = 60_000;

export interface SessionTimes {
  /** The session ends after this long without a request (sliding)... */
  idleMs: number;
  /** ...and after this long in any case. */
  maxMs: number;
}

/** The longest delay a timer takes (about 24.8 days); a later end is left to the next request. */
const longestTimerMs = 2 ** 31 - 1;

/** The session id a request's cookie names (the SHA-256 of its token), if it carries one. */
export function sessionIdOf(headers: IncomingHttpHeaders): string | undefined {
  const token = readCookie(headers, staffCookieName);
  return token ? hashSecret(token) : undefined;
}

/**
 * Calls `end` when a connection's session reaches its hard end (the provider's token expiry
 * [IDENT5] or SESSION_MAX_HOURS), so no socket outlives the sign-in it rests on. Returns the
 * cancel for when the connection closes first.
 */
export function atSessionEnd(endsAt: number | undefined, end: () => void, now = Date.now()): () => void {
  if (endsAt === undefined || endsAt - now > longestTimerMs) return () => {};
  const timer = setTimeout(end, Math.max(0, endsAt - now));
  timer.unref();
  return () => clearTimeout(timer);
}

/** What a sign-in through an identity provider adds to a session [IDENT5] [IDENT6]. */
export interface ProviderSessionDetails {
  /** The provider's token expiry: the session ends then, whatever SESSION_MAX_HOURS says. */
  endsAt: number;
  provider: NonNullable<StaffSession['provider']>;
}

/**
 * Staff sign-in sessions. The browser holds a random 32-byte token in an httpOnly cookie; the
 * store holds only its SHA-256, with a sliding expiry capped by an absolute one.
 */
export class StaffSessions {
  readonly #store: Store;
  readonly #times: SessionTimes;

  constructor(store: Store, times: SessionTimes) {
    this.#store = store;
    this.#times = times;
  }

  /** Starts a session; returns the Set-Cookie header that carries it. */
  async start(
    staffId: string,
    now: number,
    secure: boolean,
    fromProvider?: ProviderSessionDetails,
  ): Promise<string> {
    // Sessions nobody presents again would stay forever: each sign-in sweeps the expired ones.
    await this.#store.deleteExpiredStaffSessions(now);
    const token = newSecret();
    const endsAt = fromProvider && Math.min(fromProvider.endsAt, now + this.#times.maxMs);
    await this.#store.createStaffSession({
      id: hashSecret(token),
      staffId,
      createdAt: now,
      lastSeen: now,
      expiresAt: Math.min(now + Math.min(this.#times.idleMs, this.#times.maxMs), endsAt ?? Infinity),
      ...(fromProvider ? { endsAt, provider: fromProvider.provider } : {}),
    });
    const lifetimeMs = (endsAt ?? now + this.#times.maxMs) - now;
    return setCookieHeader(staffCookieName, token, {
      maxAge: Math.max(1, Math.floor(lifetimeMs / 1000)),
      secure,
    });
  }

  /** The signed-in staff member, if the cookie names a live session of an enabled account. */
  async resolve(headers: IncomingHttpHeaders, now: number): Promise<Staff | undefined> {
    return (await this.resolveSession(headers, now))?.staff;
  }

  /** The signed-in staff member and when the session ends in any case (its hard end). */
  async resolveSession(
    headers: IncomingHttpHeaders,
    now: number,
  ): Promise<{ staff: Staff; sessionId: string; hardEnd: number } | undefined> {
    const sessionId = sessionIdOf(headers);
    if (!sessionId) return undefined;
    const found = await this.#store.getStaffSession(sessionId);
    if (!found) return undefined;
    const { session, staff } = found;
    const hardEnd = Math.min(session.createdAt + this.#times.maxMs, session.endsAt ?? Infinity);
    if (now >= session.expiresAt || now >= hardEnd || staff.disabled) {
      await this.#store.deleteStaffSession(session.id);
      return undefined;
    }
    if (now - session.lastSeen >= touchEveryMs)
      await this.#store.touchStaffSession(session.id, now, Math.min(now + this.#times.idleMs, hardEnd));
    return { staff, sessionId, hardEnd };
  }

  /** Ends the session the cookie names (if any); returns the header that clears the cookie. */
  async end(headers: IncomingHttpHeaders, secure: boolean): Promise<string> {
    const sessionId = sessionIdOf(headers);
    if (sessionId) await this.#store.deleteStaffSession(sessionId);
    return clearCookieHeader(staffCookieName, { secure });
  }
}
