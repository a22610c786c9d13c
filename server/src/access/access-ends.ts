import type { IncomingHttpHeaders } from 'node:http';
import { closeCodes } from '@kinboard/shared/protocol/close-codes';
import type { Store } from '../store/store.ts';
import type { AccessEvents } from './access-events.ts';
import type { StaffSessions } from './staff-sessions.ts';

/** What an open connection rests on, as far as it can end while the connection is open. */
export interface Resting {
  staffId?: string | undefined;
  guestId?: string | undefined;
  /** A network pass's page between meetings [PASS5]. */
  passId?: string | undefined;
  /** The family of the meeting the connection is in, once known. */
  familyId?: string | undefined;
}

/** Closes one connection with a close code; nothing is sent on it afterwards. */
export type EndConnection = (code: number, reason: string) => void;

export interface Watch {
  /** Changed by the connection as it learns more (the family once it enters a meeting). */
  readonly resting: Resting;
  /** The connection closed by itself: forget it. */
  stop(): void;
}

interface Watched extends Watch {
  sessionId: string | undefined;
  /** `guestId kind`, for a guest's connection that counts against its pass's screens. */
  screenKey: string | undefined;
  end: EndConnection;
  timer: NodeJS.Timeout | undefined;
  stopped: boolean;
}

/**
 * Simultaneous connections of one kind (a document, or socket.io) one guest pass may hold on a
 * server: a phone, a second device or a reload whose old socket has not gone yet [ACCESS27].
 */
export const screensPerGuestPass = 3;

/** Node's timers hold at most about 24.8 days; a longer session is checked again then. */
const longestTimerMs = 2 ** 31 - 1;
/** When the store cannot say whether a session lives, the connection is kept and asked about again. */
const retryAfterStoreErrorMs = 5_000;

/**
 * Ends open connections when the access they rest on ends [ACCESS22]: every sync and socket.io
 * connection of a staff member is watched here from the moment it exists, and closed with 4440
 * when its session ends (signed out, expired [ACCESS23], password changed, account disabled,
 * role lowered) or 4403 when its family access is removed; a guest's with 4401 when they are
 * refused or leave. The events come from this server's routes or, through Redis, another's.
 * Meeting closes and role changes are the sync and socket.io layers' own (they also re-judge).
 */
export class AccessEnds {
  readonly #sessions: StaffSessions;
  readonly #store: Store;
  readonly #watched = new Set<Watched>();
  /** Each guest pass's connections of each kind, oldest first. */
  readonly #screens = new Map<string, Watched[]>();

  constructor(events: AccessEvents, sessions: StaffSessions, store: Store) {
    this.#sessions = sessions;
    this.#store = store;
    events.on('session-ended', ({ sessionId }) =>
      this.#endWhere((each) => each.sessionId === sessionId, closeCodes.sessionEnded, 'signed out'),
    );
    events.on('staff-access-ended', ({ staffId, why, exceptSessionId }) =>
      this.#endWhere(
        (each) =>
          each.resting.staffId === staffId && (!exceptSessionId || each.sessionId !== exceptSessionId),
        closeCodes.sessionEnded,
        why,
      ),
    );
    events.on('family-access-removed', ({ staffId, familyId }) =>
      this.#endWhere(
        (each) => each.resting.staffId === staffId && each.resting.familyId === familyId,
        closeCodes.forbidden,
        'access to the family was removed',
      ),
    );
    events.on('pass-ended', ({ passId }) =>
      this.#endWhere((each) => each.resting.passId === passId, closeCodes.notAdmitted, 'the pass ended'),
    );
    events.on('participant-changed', ({ participantId, status }) => {
      if (status === 'refused' || status === 'left')
        this.#endWhere((each) => each.resting.guestId === participantId, closeCodes.notAdmitted, 'let go');
    });
  }

  /** How many connections are watched (tests and /healthz-like reporting). */
  get size(): number {
    return this.#watched.size;
  }

  /**
   * Watches a connection from the moment it exists; `headers` are its upgrade request's (the
   * session it rests on is the one its cookie names). A staff connection gets a timer for its
   * session's end. A guest's connection of `kind` counts against its pass: past
   * `screensPerGuestPass` the oldest is closed with 4441 [ACCESS27].
   */
  watch(headers: IncomingHttpHeaders, resting: Resting, end: EndConnection, kind?: string): Watch {
    const screenKey = resting.guestId && kind ? `${resting.guestId} ${kind}` : undefined;
    const watched: Watched = {
      resting,
      sessionId: resting.staffId ? this.#sessions.idOf(headers) : undefined,
      screenKey,
      end,
      timer: undefined,
      stopped: false,
      stop: () => {
        watched.stopped = true;
        clearTimeout(watched.timer);
        this.#watched.delete(watched);
        if (screenKey) this.#forgetScreen(screenKey, watched);
      },
    };
    this.#watched.add(watched);
    if (watched.sessionId) void this.#checkSession(watched);
    if (screenKey) this.#countScreen(screenKey, watched);
    return watched;
  }

  /**
   * The oldest goes, not the newest: the newest is the screen the person is holding now (a
   * reload, or the phone they picked up), while the oldest is most likely one left behind or
   * half-open. Closed with a code that is not retried, or two screens would take turns.
   */
  #countScreen(key: string, watched: Watched): void {
    const screens = this.#screens.get(key) ?? [];
    screens.push(watched);
    this.#screens.set(key, screens);
    while (screens.length > screensPerGuestPass)
      this.#end(screens[0]!, closeCodes.replaced, 'opened on a newer screen');
  }

  #forgetScreen(key: string, watched: Watched): void {
    const screens = this.#screens.get(key);
    if (!screens) return;
    const index = screens.indexOf(watched);
    if (index >= 0) screens.splice(index, 1);
    if (screens.length === 0) this.#screens.delete(key);
  }

  /**
   * After Redis was away, news of ends decided on other servers may be lost: every staff
   * connection here is checked against the store again.
   */
  recheckAll(): void {
    for (const watched of this.#watched) {
      if (watched.sessionId) void this.#checkSession(watched);
      const { staffId, familyId } = watched.resting;
      if (staffId && familyId)
        this.#store.hasFamilyAccess(staffId, familyId).then(
          (has) => {
            if (!has) this.#end(watched, closeCodes.forbidden, 'access to the family was removed');
          },
          () => {},
        );
    }
  }

  /**
   * Reads when the session ends and sets the connection's timer for then; when it fires, asks
   * again, since HTTP requests slide the idle end meanwhile.
   */
  async #checkSession(watched: Watched): Promise<void> {
    clearTimeout(watched.timer);
    let endsAt: number | undefined;
    try {
      endsAt = await this.#sessions.endOf(watched.sessionId!);
    } catch {
      if (!watched.stopped)
        watched.timer = setTimeout(() => void this.#checkSession(watched), retryAfterStoreErrorMs);
      return;
    }
    if (watched.stopped) return;
    const now = Date.now();
    if (endsAt === undefined || endsAt <= now)
      return this.#end(
        watched,
        closeCodes.sessionEnded,
        endsAt === undefined ? 'signed out' : 'session expired',
      );
    clearTimeout(watched.timer);
    watched.timer = setTimeout(
      () => void this.#checkSession(watched),
      Math.min(endsAt - now, longestTimerMs),
    );
  }

  #endWhere(matches: (watched: Watched) => boolean, code: number, reason: string): void {
    for (const watched of [...this.#watched]) if (matches(watched)) this.#end(watched, code, reason);
  }

  #end(watched: Watched, code: number, reason: string): void {
    if (watched.stopped) return;
    watched.stop();
    watched.end(code, reason);
  }
}
