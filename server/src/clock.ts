/**
 * What time it is, for everything the server dates, expires or finds due: passes, journal
 * entries, timescales. One clock per process, so a test can move a running server's days on
 * (`TEST_CLOCK=true`, loopback only [CLOCK1]) and everything sees the same time.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The system's time plus whatever a test has moved it on by; never backwards [CLOCK1]. */
export class MovableClock implements Clock {
  #aheadMs = 0;

  now(): number {
    return Date.now() + this.#aheadMs;
  }

  /** Moves the clock on by `ms` (at least 0) and says the new time. */
  advance(ms: number): number {
    this.#aheadMs += Math.max(0, ms);
    return this.now();
  }
}
