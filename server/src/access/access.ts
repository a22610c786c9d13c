import type { IncomingHttpHeaders } from 'node:http';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Participant, Staff, Store } from '../store/store.ts';
import { AccessEvents } from './access-events.ts';
import {
  exponentialLockout,
  MemoryAttemptLimiter,
  slidingWindow,
  type AttemptLimiter,
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

/**
 * How fast each kind of guessing may go [ACCESS3] [ACCESS6]. Join codes are limited by address
 * first: an attacker at one address is stopped after 10 wrong codes in 10 minutes, long before a
 * real family could be locked out of its own code. The per-code limit only caps how fast one
 * code's lobby can fill.
 */
export const accessLimitPolicies = {
  signInPerEmail: exponentialLockout({
    free: 5,
    baseMs: minute,
    maxMs: 60 * minute,
    rememberMs: 60 * minute,
  }),
  /** Higher: a whole office signs in from one address. */
  signInPerAddress: exponentialLockout({
    free: 20,
    baseMs: minute,
    maxMs: 60 * minute,
    rememberMs: 60 * minute,
  }),
  joinGuessesPerAddress: slidingWindow({ max: 10, windowMs: 10 * minute }),
  joinsPerCode: slidingWindow({ max: 60, windowMs: 10 * minute }),
  setupPerAddress: slidingWindow({ max: 10, windowMs: 10 * minute }),
};

export type AccessLimits = Record<keyof typeof accessLimitPolicies, AttemptLimiter>;

function memoryLimits(): AccessLimits {
  const entries = Object.entries(accessLimitPolicies).map(([name, policy]) => [
    name,
    new MemoryAttemptLimiter(policy),
  ]);
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

  constructor(options: { store: Store; audit: AuditLog; sessionTimes: SessionTimes; limits?: AccessLimits }) {
    this.store = options.store;
    this.audit = options.audit;
    this.sessions = new StaffSessions(options.store, options.sessionTimes);
    this.limits = options.limits ?? memoryLimits();
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
