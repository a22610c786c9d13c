import type { IncomingHttpHeaders } from 'node:http';
import type { Staff, StaffSession, Store } from '../store/store.ts';
import { clearCookieHeader, readCookie, setCookieHeader, staffCookieName } from './cookies.ts';
import { hashSecret, newSecret } from './secrets.ts';

/**
 * A session's last use is written at most this often (a tenth of the idle time, at most a
 * minute), so each request is not a write and the idle end in the store lags little.
 */
const touchEveryMs = (idleMs: number) => Math.min(60_000, Math.max(1, Math.floor(idleMs / 10)));

export interface SessionTimes {
  /** The session ends after this long without a request (sliding)... */
  idleMs: number;
  /** ...and after this long in any case. */
  maxMs: number;
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
    const sessionId = this.idOf(headers);
    if (!sessionId) return undefined;
    const found = await this.#store.getStaffSession(sessionId);
    if (!found) return undefined;
    const { session, staff } = found;
    const hardEnd = Math.min(session.createdAt + this.#times.maxMs, session.endsAt ?? Infinity);
    if (now >= session.expiresAt || now >= hardEnd || staff.disabled) {
      await this.#store.deleteStaffSession(session.id);
      return undefined;
    }
    // Sliding the session is not worth refusing a valid one: a store that cannot write (a full
    // disk) still lets staff read [RECORD4]; the session slides at the next touch that succeeds.
    if (now - session.lastSeen >= touchEveryMs(this.#times.idleMs))
      await this.#store
        .touchStaffSession(session.id, now, Math.min(now + this.#times.idleMs, hardEnd))
        .catch(() => {});
    return staff;
  }

  /** The id (the store's key) of the session the cookie names, whether or not it is live. */
  idOf(headers: IncomingHttpHeaders): string | undefined {
    const token = readCookie(headers, staffCookieName);
    return token ? hashSecret(token) : undefined;
  }

  /**
   * When the session ends as the store has it now (idle end, capped by the maximum and by the
   * provider's token expiry [IDENT5]), or undefined if it is gone or its account disabled. The
   * idle end slides with each HTTP request, so a connection's timer asks again when it fires
   * [ACCESS23].
   */
  async endOf(sessionId: string): Promise<number | undefined> {
    const found = await this.#store.getStaffSession(sessionId);
    if (!found || found.staff.disabled) return undefined;
    const { session } = found;
    return Math.min(session.expiresAt, session.createdAt + this.#times.maxMs, session.endsAt ?? Infinity);
  }

  /** Ends the session the cookie names (if any); returns the header that clears the cookie. */
  async end(headers: IncomingHttpHeaders, secure: boolean): Promise<string> {
    const sessionId = this.idOf(headers);
    if (sessionId) await this.#store.deleteStaffSession(sessionId);
    return clearCookieHeader(staffCookieName, { secure });
  }
}
