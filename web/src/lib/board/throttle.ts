/**
 * Sends the latest value at most once every `intervalMs`: the first change goes at once, later
 * ones wait for the interval and are merged, and the last one always goes out. Presence uses it
 * so a person typing or scrolling sends about ten messages a second at most.
 */
export function throttleLatest<T>(
  send: (value: T) => void,
  intervalMs: number,
  now: () => number = Date.now,
): { push(value: T): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: T;
  const flush = () => {
    timer = undefined;
    last = now();
    send(latest);
  };
  return {
    push(value: T) {
      latest = value;
      if (timer !== undefined) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
