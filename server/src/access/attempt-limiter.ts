/**
 * Counts attempts per key (an address, an email, an address and email together, a join code)
 * and says how long a key must wait. Behind this small interface so that several servers share
 * one count in Redis (REDIS_URL); every method is async for that reason.
 */
export interface AttemptLimiter {
  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfter(key: string, now: number): Promise<number>;
  /** Counts one attempt; resolves to how long the key must now wait (0 if not). */
  record(key: string, now: number): Promise<number>;
  /**
   * Counts this attempt only if the key may try now, in one step, so that many tries sent at
   * once cannot all pass before the first is counted. An attempt that proves good (the right
   * code, the right password) is given back with `refund`: only failures are remembered.
   */
  take(key: string, now: number): Promise<Taken>;
  /** Forgets the key (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
}

export interface Taken {
  /** 0 when the attempt was counted and may go ahead; else milliseconds to wait (not counted). */
  wait: number;
  /** How many attempts the key had in memory before this one. */
  before: number;
  /** Uncounts this attempt (a no-op when it was refused). */
  refund(): Promise<void>;
}

/** Given a key's attempt times, oldest first, when it may try again (0 or a past time: now). */
export type LimitPolicy = {
  /** Attempts older than this are forgotten. */
  rememberMs: number;
  /** A key never needs more of its latest attempts than this to decide. */
  keep: number;
  blockedUntil(attempts: readonly number[]): number;
};

/**
 * Slowing down, not locking out: `free` attempts go at once, then each further one waits
 * `firstMs` after the last, doubling up to `maxMs` (equal values: a steady pace). Forgotten
 * after `rememberMs` without an attempt.
 */
export function backoff(options: {
  free: number;
  firstMs: number;
  maxMs: number;
  rememberMs: number;
}): LimitPolicy {
  const doublings = Math.ceil(Math.log2(Math.max(1, options.maxMs / options.firstMs)));
  return {
    rememberMs: options.rememberMs,
    keep: options.free + doublings + 1,
    blockedUntil(attempts) {
      const over = attempts.length - options.free;
      if (over < 0) return 0;
      return attempts.at(-1)! + Math.min(options.maxMs, options.firstMs * 2 ** over);
    },
  };
}

/** At most `max` attempts in any `windowMs`. */
export function slidingWindow(options: { max: number; windowMs: number }): LimitPolicy {
  return {
    rememberMs: options.windowMs,
    keep: options.max,
    blockedUntil(attempts) {
      if (attempts.length < options.max) return 0;
      return attempts[attempts.length - options.max]! + options.windowMs;
    },
  };
}

/** Keeps at most this many keys; beyond it, the stalest are swept (an attack on many keys). */
const maxKeys = 100_000;

const refused = (wait: number, before: number): Taken => ({ wait, before, refund: async () => {} });

/** One process's counts, in memory: lost on restart, which only forgives. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  readonly #policy: LimitPolicy;
  readonly #attempts = new Map<string, number[]>();

  constructor(policy: LimitPolicy) {
    this.#policy = policy;
  }

  async retryAfter(key: string, now: number): Promise<number> {
    return this.#wait(this.#recent(key, now), now);
  }

  async record(key: string, now: number): Promise<number> {
    const attempts = this.#push(key, now);
    return this.#wait(attempts, now);
  }

  async take(key: string, now: number): Promise<Taken> {
    const attempts = this.#recent(key, now);
    const before = attempts.length;
    const wait = this.#wait(attempts, now);
    if (wait > 0) return refused(wait, before);
    this.#push(key, now);
    return {
      wait: 0,
      before,
      refund: async () => {
        const kept = this.#attempts.get(key);
        const at = kept?.lastIndexOf(now) ?? -1;
        if (at >= 0) kept!.splice(at, 1);
      },
    };
  }

  async reset(key: string): Promise<void> {
    this.#attempts.delete(key);
  }

  #wait(attempts: readonly number[], now: number): number {
    return Math.max(0, this.#policy.blockedUntil(attempts) - now);
  }

  #push(key: string, now: number): number[] {
    const attempts = this.#recent(key, now);
    attempts.push(now);
    if (attempts.length > this.#policy.keep) attempts.splice(0, attempts.length - this.#policy.keep);
    this.#attempts.set(key, attempts);
    if (this.#attempts.size > maxKeys) this.#sweep(now);
    return attempts;
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

/**
 * Takes one attempt from each limiter under its key; if any must wait, gives back those taken
 * and resolves to the longest wait. Refunding the result gives back every attempt.
 */
export async function takeAll(
  counts: ReadonlyArray<readonly [AttemptLimiter, string]>,
  now: number,
): Promise<Taken> {
  const taken: Taken[] = [];
  for (const [limiter, key] of counts) {
    const one = await limiter.take(key, now);
    if (one.wait > 0) {
      await Promise.all(taken.map((each) => each.refund()));
      return refused(one.wait, one.before);
    }
    taken.push(one);
  }
  return {
    wait: 0,
    before: Math.max(0, ...taken.map((each) => each.before)),
    refund: async () => {
      await Promise.all(taken.map((each) => each.refund()));
    },
  };
}
