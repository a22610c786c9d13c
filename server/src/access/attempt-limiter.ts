/**
 * Counts failed attempts per key (an email, an address, a join code) and says how long a key
 * must wait. Behind this small interface so that several servers can share one count in Redis
 * later; every method is async for that reason.
 */
export interface AttemptLimiter {
  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfter(key: string, now: number): Promise<number>;
  /** Counts one attempt; resolves to how long the key is now blocked (0 if not). */
  record(key: string, now: number): Promise<number>;
  /** Forgets the key (a successful sign-in clears its email's failures). */
  reset(key: string): Promise<void>;
}

/** Given a key's attempt times, oldest first, when it may try again (0 or a past time: now). */
export type LimitPolicy = {
  /** Attempts older than this are forgotten. */
  rememberMs: number;
  blockedUntil(attempts: readonly number[]): number;
};

/**
 * Sign-in: `free` failures are allowed, then each further one doubles the lockout from
 * `baseMs`, up to `maxMs`. Forgotten after `rememberMs` without a failure.
 */
export function exponentialLockout(options: {
  free: number;
  baseMs: number;
  maxMs: number;
  rememberMs: number;
}): LimitPolicy {
  return {
    rememberMs: options.rememberMs,
    blockedUntil(attempts) {
      const over = attempts.length - options.free;
      if (over < 0) return 0;
      return attempts.at(-1)! + Math.min(options.maxMs, options.baseMs * 2 ** over);
    },
  };
}

/** Join codes: at most `max` attempts in any `windowMs`. */
export function slidingWindow(options: { max: number; windowMs: number }): LimitPolicy {
  return {
    rememberMs: options.windowMs,
    blockedUntil(attempts) {
      if (attempts.length < options.max) return 0;
      return attempts[attempts.length - options.max]! + options.windowMs;
    },
  };
}

/** Keeps at most this many keys; beyond it, the stalest are swept (an attack on many keys). */
const maxKeys = 100_000;
/** A key never needs more history than this to decide. */
const maxAttemptsKept = 64;

/** One process's counts, in memory: lost on restart, which only forgives. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  readonly #policy: LimitPolicy;
  readonly #attempts = new Map<string, number[]>();

  constructor(policy: LimitPolicy) {
    this.#policy = policy;
  }

  async retryAfter(key: string, now: number): Promise<number> {
    const attempts = this.#recent(key, now);
    return Math.max(0, this.#policy.blockedUntil(attempts) - now);
  }

  async record(key: string, now: number): Promise<number> {
    const attempts = this.#recent(key, now);
    attempts.push(now);
    if (attempts.length > maxAttemptsKept) attempts.splice(0, attempts.length - maxAttemptsKept);
    this.#attempts.set(key, attempts);
    if (this.#attempts.size > maxKeys) this.#sweep(now);
    return Math.max(0, this.#policy.blockedUntil(attempts) - now);
  }

  async reset(key: string): Promise<void> {
    this.#attempts.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const attempts = this.#attempts.get(key);
    if (!attempts) return [];
    const since = now - this.#policy.rememberMs;
    const firstKept = attempts.findIndex((at) => at > since);
    if (firstKept === 0) return attempts;
    if (firstKept < 0) {
      this.#attempts.delete(key);
      return [];
    }
    attempts.splice(0, firstKept);
    return attempts;
  }

  #sweep(now: number): void {
    for (const key of this.#attempts.keys()) this.#recent(key, now);
    // Still too many live keys: drop the oldest inserted, which a Map iterates first.
    for (const key of this.#attempts.keys()) {
      if (this.#attempts.size <= maxKeys * 0.9) break;
      this.#attempts.delete(key);
    }
  }
}
