import type { IncomingHttpHeaders } from 'node:http';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Participant, Staff, Store } from '../store/store.ts';
import { AccessEnds } from './access-ends.ts';
import { AccessEvents } from './access-events.ts';
import {
  backoff,
  MemoryAttemptLimiter,
  slidingWindow,
  type AttemptLimiter,
  type LimitPolicy,
} from './attempt-limiter.ts';
import {
  resolveConnectionIdentity,
  type ConnectionIdentity,
  type ConnectionRefusal,
} from './connection-identity.ts';
import { guestOfPass } from './guest-passes.ts';
import { prepareDecoy } from './passwords.ts';
import { StaffSessions, type SessionTimes } from './staff-sessions.ts';

const minute = 60_000;
const second = 1000;

/** Wrong join codes an address may type in an hour before its tries are paced [ACCESS6]. */
export const freeWrongJoinCodes = 20;

/**
 * How fast each kind of guessing may go. Every limit slows down rather than locks out, and
 * counts failures only: a right code or password never counts against anyone.
 *
 * Sign-in [ACCESS3] follows OWASP's Authentication Cheat Sheet ("Protect against automated
 * attacks": throttle by address and account together, slow down rather than lock) and its
 * device cookies: a browser the account signed in on before is counted by itself, so guessing
 * from elsewhere never slows the worker at their own browser.
 *
 * Join codes [ACCESS6]: each address has 20 wrong codes an hour free, then one try each 15 s;
 * those paced tries, from every address together, are capped at 600 in 10 minutes.
 */
export const accessLimitPolicies = {
  /** One address and one email together: the common guesser. */
  signInPerAddressAndEmail: backoff({ free: 5, firstMs: 2 * second, maxMs: minute, rememberMs: 15 * minute }),
  /** One email from every browser it never signed in on, whatever the address. */
  signInPerEmail: backoff({ free: 20, firstMs: 2 * second, maxMs: minute, rememberMs: 60 * minute }),
  /** One address, every email (credential stuffing); high, as a whole office shares an address. */
  signInPerAddress: backoff({ free: 100, firstMs: 2 * second, maxMs: minute, rememberMs: 60 * minute }),
  /** A browser holding the account's device cookie. */
  signInPerDevice: backoff({ free: 10, firstMs: 2 * second, maxMs: minute, rememberMs: 60 * minute }),
  joinGuessesPerAddress: backoff({
    free: freeWrongJoinCodes,
    firstMs: 15 * second,
    maxMs: 15 * second,
    rememberMs: 60 * minute,
  }),
  joinGuessesEverywhere: slidingWindow({ max: 600, windowMs: 10 * minute }),
  joinsPerCode: slidingWindow({ max: 60, windowMs: 10 * minute }),
  setupPerAddress: slidingWindow({ max: 10, windowMs: 10 * minute }),
  /** Emails of copies one staff member sends [COPY9]: a service's mail server is everyone's. */
  copyEmailsPerStaff: slidingWindow({ max: 40, windowMs: 60 * minute }),
};

export type AccessLimits = Record<keyof typeof accessLimitPolicies, AttemptLimiter>;

/** One limiter for each policy, made by `make` (in memory, or in Redis for several servers). */
export function accessLimits(make: (name: string, policy: LimitPolicy) => AttemptLimiter): AccessLimits {
  const entries = Object.entries(accessLimitPolicies).map(([name, policy]) => [name, make(name, policy)]);
  return Object.fromEntries(entries) as AccessLimits;
}

/**
 * Everything about who gets in, in one object the HTTP API, the sync endpoint and socket.io
 * share: sessions, guest passes, throttles, identity per meeting, and the events that end access.
 */
export class Access {
  readonly store: Store;
  readonly audit: AuditLog;
  readonly sessions: StaffSessions;
  readonly limits: AccessLimits;
  readonly events = new AccessEvents();
  /** Closes open connections whose access ended [ACCESS22]. */
  readonly ends: AccessEnds;

  constructor(options: { store: Store; audit: AuditLog; sessionTimes: SessionTimes; limits?: AccessLimits }) {
    this.store = options.store;
    this.audit = options.audit;
    this.sessions = new StaffSessions(options.store, options.sessionTimes);
    this.limits = options.limits ?? accessLimits((_, policy) => new MemoryAttemptLimiter(policy));
    this.ends = new AccessEnds(this.events, this.sessions, options.store);
    void prepareDecoy();
  }

  /** The staff member signed in on this request, if any. */
  staffOf(headers: IncomingHttpHeaders): Promise<Staff | undefined> {
    return this.sessions.resolve(headers, Date.now());
  }

  /** The guest whose genuine pass this request carries, in any status. */
  guestOf(headers: IncomingHttpHeaders): Promise<Participant | undefined> {
    return guestOfPass(this.store, headers);
  }

  /**
   * For the sync endpoint and socket.io: call with the upgrade request's headers and the meeting
   * the connection asks for, before sending anything; close with `closeCode` when refused.
   */
  resolveConnectionIdentity(
    headers: IncomingHttpHeaders,
    meetingId: string,
  ): Promise<ConnectionIdentity | ConnectionRefusal> {
    return resolveConnectionIdentity({ store: this.store, sessions: this.sessions }, headers, meetingId);
  }
}
