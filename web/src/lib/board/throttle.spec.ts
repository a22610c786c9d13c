import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleLatest } from './throttle.ts';

describe('throttleLatest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first change at once and at most ten a second after, always ending on the latest', () => {
    const sent: number[] = [];
    const throttled = throttleLatest((value: number) => sent.push(value), 100);
    throttled.push(0);
    expect(sent).toEqual([0]);
    // A person typing: a change every 10 ms for one second.
    for (let i = 1; i <= 100; i++) {
      vi.advanceTimersByTime(10);
      throttled.push(i);
    }
    vi.advanceTimersByTime(200);
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent.at(-1)).toBe(100);
  });

  it('sends nothing after cancel', () => {
    const sent: string[] = [];
    const throttled = throttleLatest((value: string) => sent.push(value), 100);
    throttled.push('a');
    throttled.push('b');
    throttled.cancel();
    vi.advanceTimersByTime(500);
    expect(sent).toEqual(['a']);
  });
});
