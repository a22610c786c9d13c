import { describe, expect, it } from 'vitest';
import { backoff, MemoryAttemptLimiter, slidingWindow, takeAll } from './attempt-limiter.ts';

const second = 1000;
const minute = 60 * second;

describe('attempt limiters', () => {
  it('[ACCESS3] slow a key down after the free failures, doubling each time, up to the cap', async () => {
    const limiter = new MemoryAttemptLimiter(
      backoff({ free: 5, firstMs: 2 * second, maxMs: 8 * second, rememberMs: 60 * minute }),
    );
    for (let i = 0; i < 4; i++) expect(await limiter.record('sam@example.org', 0)).toBe(0);
    expect(await limiter.retryAfter('sam@example.org', 0)).toBe(0);
    expect(await limiter.record('sam@example.org', 0)).toBe(2 * second);
    expect(await limiter.retryAfter('sam@example.org', second)).toBe(second);
    expect(await limiter.retryAfter('sam@example.org', 2 * second)).toBe(0);
    expect(await limiter.record('sam@example.org', 2 * second)).toBe(4 * second);
    expect(await limiter.record('sam@example.org', 6 * second)).toBe(8 * second);
    expect(await limiter.record('sam@example.org', 14 * second)).toBe(8 * second);
    // Other keys are not touched; a reset forgives.
    expect(await limiter.retryAfter('other@example.org', 14 * second)).toBe(0);
    await limiter.reset('sam@example.org');
    expect(await limiter.retryAfter('sam@example.org', 14 * second)).toBe(0);
  });

  it('forget failures after a quiet spell', async () => {
    const limiter = new MemoryAttemptLimiter(
      backoff({ free: 2, firstMs: minute, maxMs: minute, rememberMs: 10 * minute }),
    );
    await limiter.record('k', 0);
    await limiter.record('k', 0);
    expect(await limiter.retryAfter('k', 0)).toBe(minute);
    expect(await limiter.retryAfter('k', 11 * minute)).toBe(0);
    expect(await limiter.record('k', 11 * minute)).toBe(0);
  });

  it('allow at most N attempts in any window, however large N', async () => {
    const limiter = new MemoryAttemptLimiter(slidingWindow({ max: 600, windowMs: 10 * minute }));
    for (let i = 0; i < 599; i++) expect(await limiter.record('all', i)).toBe(0);
    // The 600th is answered; the next waits until the first leaves the window.
    expect(await limiter.record('all', 599)).toBe(10 * minute - 599);
    expect(await limiter.retryAfter('all', 10 * minute - 1)).toBe(1);
    expect(await limiter.retryAfter('all', 10 * minute)).toBe(0);
  });

  it('[ACCESS6] take counts a try only when it may go, and a refund uncounts it', async () => {
    const limiter = new MemoryAttemptLimiter(
      backoff({ free: 3, firstMs: 15 * second, maxMs: 15 * second, rememberMs: 60 * minute }),
    );
    // Many tries at once: exactly the free ones go ahead, the others wait and are not counted.
    const tries = await Promise.all(Array.from({ length: 10 }, () => limiter.take('203.0.113.9', 0)));
    expect(tries.filter((one) => one.wait === 0)).toHaveLength(3);
    expect(tries.filter((one) => one.wait === 15 * second)).toHaveLength(7);
    expect(tries.map((one) => one.before).sort()).toEqual([0, 1, 2, 3, 3, 3, 3, 3, 3, 3]);
    // One of them was the right code: given back, the address is free again.
    await tries[2]!.refund();
    const next = await limiter.take('203.0.113.9', second);
    expect(next).toMatchObject({ wait: 0, before: 2 });
  });

  it('take from several limiters, all or none', async () => {
    const tight = new MemoryAttemptLimiter(slidingWindow({ max: 1, windowMs: minute }));
    const loose = new MemoryAttemptLimiter(slidingWindow({ max: 100, windowMs: minute }));
    const first = await takeAll(
      [
        [loose, 'a'],
        [tight, 'b'],
      ],
      0,
    );
    expect(first.wait).toBe(0);
    const second_ = await takeAll(
      [
        [loose, 'a'],
        [tight, 'b'],
      ],
      1,
    );
    expect(second_.wait).toBe(minute - 1);
    // The refused try gave back what it took from the loose limiter.
    const third = await loose.take('a', 2);
    expect(third.before).toBe(1);
    await first.refund();
    expect(await tight.retryAfter('b', 3)).toBe(0);
  });
});
