/**
 * Test-only preload (`node --import tests/helpers/loop-probe.ts server/src/main.ts`): measures the
 * process's event-loop delay so benchmarks can print the server's own figure. Never loaded in
 * production. On SIGUSR2 it prints `loop-probe: {"p99":…,"max":…,"samples":…}` (milliseconds,
 * since the previous signal) on stderr and starts a new window.
 */
import { isMainThread } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const resolutionMs = 10;

if (isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  process.on('SIGUSR2', () => {
    // The histogram holds the time between its timer's runs; the delay is what exceeds the period.
    const delay = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
    const figures = {
      p99: delay(histogram.percentile(99)),
      max: delay(histogram.max),
      samples: histogram.count,
    };
    histogram.reset();
    process.stderr.write(`loop-probe: ${JSON.stringify(figures)}\n`);
  });
}
