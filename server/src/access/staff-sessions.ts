import type { IncomingHttpHeaders } from 'node:http';
import type { Staff, Store } from '../store/store.ts';
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
  async start(staffId: string, now: number, secure: boolean): Promise<string> {
    // Sessions nobody presents again would stay forever: each sign-in sweeps the expired ones.
    await this.#store.deleteExpiredStaffSessions(now);
    const token = newSecret();
    await this.#store.createStaffSession({
      id: hashSecret(token),
      staffId,
      createdAt: now,
      lastSeen: now,
      expiresAt: now + Math.min(this.#times.idleMs, this.#times.maxMs),
    });
    return setCookieHeader(staffCookieName, token, { maxAge: Math.floor(this.#times.maxMs / 1000), secure });
  }

  /** The signed-in staff member, if the cookie names a live session of an enabled account. */
  async resolve(headers: IncomingHttpHeaders, now: number): Promise<Staff | undefined> {
    const token = readCookie(headers, staffCookieName);
    if (!token) return undefined;
    const found = await this.#store.getStaffSession(hashSecret(token));
    if (!found) return undefined;
    const { session, staff } = found;
    const hardEnd = session.createdAt + this.#times.maxMs;
    if (now >= session.expiresAt || now >= hardEnd || staff.disabled) {
      await this.#store.deleteStaffSession(session.id);
      return undefined;
    }
    if (now - session.lastSeen >= touchEveryMs(this.#times.idleMs))
      await this.#store.touchStaffSession(session.id, now, Math.min(now + this.#times.idleMs, hardEnd));
    return staff;
  }

  /** The id (the store's key) of the session the cookie names, whether or not it is live. */
  idOf(headers: IncomingHttpHeaders): string | undefined {
    const token = readCookie(headers, staffCookieName);
    return token ? hashSecret(token) : undefined;
  }

  /**
   * When the session ends as the store has it now (idle end, capped by the maximum), or
   * undefined if it is gone or its account disabled. The idle end slides with each HTTP request,
   * so a connection's timer asks again when it fires [ACCESS23].
   */
  async endOf(sessionId: string): Promise<number | undefined> {
    const found = await this.#store.getStaffSession(sessionId);
    if (!found || found.staff.disabled) return undefined;
    return Math.min(found.session.expiresAt, found.session.createdAt + this.#times.maxMs);
  }

  /** Ends the session the cookie names (if any); returns the header that clears the cookie. */
  async end(headers: IncomingHttpHeaders, secure: boolean): Promise<string> {
    const token = readCookie(headers, staffCookieName);
    if (token) await this.#store.deleteStaffSession(hashSecret(token));
    return clearCookieHeader(staffCookieName, { secure });
  }
}
