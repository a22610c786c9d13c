import { describe, expect, it } from 'vitest';
import { exponentialLockout, MemoryAttemptLimiter, slidingWindow } from './attempt-limiter.ts';

const minute = 60_000;

describe('attempt limiters', () => {
  it('lock a key out after the free failures, doubling each time, up to the cap', async () => {
    const limiter = new MemoryAttemptLimiter(
      exponentialLockout({ free: 5, baseMs: minute, maxMs: 4 * minute, rememberMs: 60 * minute }),
    );
    for (let i = 0; i < 4; i++) expect(await limiter.record('sam@example.org', 0)).toBe(0);
    expect(await limiter.retryAfter('sam@example.org', 0)).toBe(0);
    expect(await limiter.record('sam@example.org', 0)).toBe(minute);
    expect(await limiter.retryAfter('sam@example.org', 30_000)).toBe(30_000);
    expect(await limiter.retryAfter('sam@example.org', minute)).toBe(0);
    expect(await limiter.record('sam@example.org', minute)).toBe(2 * minute);
    expect(await limiter.record('sam@example.org', 3 * minute)).toBe(4 * minute);
    expect(await limiter.record('sam@example.org', 7 * minute)).toBe(4 * minute);
    // Other keys are not touched; a reset forgives.
    expect(await limiter.retryAfter('other@example.org', 7 * minute)).toBe(0);
    await limiter.reset('sam@example.org');
    expect(await limiter.retryAfter('sam@example.org', 7 * minute)).toBe(0);
  });

  it('forget failures after a quiet spell', async () => {
    const limiter = new MemoryAttemptLimiter(
      exponentialLockout({ free: 2, baseMs: minute, maxMs: minute, rememberMs: 10 * minute }),
    );
    await limiter.record('k', 0);
    await limiter.record('k', 0);
    expect(await limiter.retryAfter('k', 0)).toBe(minute);
    expect(await limiter.retryAfter('k', 11 * minute)).toBe(0);
    expect(await limiter.record('k', 11 * minute)).toBe(0);
  });

  it('allow at most N attempts in any window', async () => {
    const limiter = new MemoryAttemptLimiter(slidingWindow({ max: 10, windowMs: 10 * minute }));
    for (let i = 0; i < 9; i++) expect(await limiter.record('203.0.113.9', i * minute)).toBe(0);
    // The tenth wrong try is answered; the eleventh waits until the first leaves the window.
    expect(await limiter.record('203.0.113.9', 9 * minute)).toBe(minute);
    expect(await limiter.retryAfter('203.0.113.9', 9 * minute + 1)).toBe(minute - 1);
    expect(await limiter.retryAfter('203.0.113.9', 10 * minute)).toBe(0);
    expect(await limiter.retryAfter('198.51.100.7', 9 * minute)).toBe(0);
  });
});
