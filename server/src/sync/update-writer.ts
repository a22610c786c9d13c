import { Metrics, type MetricsFeed } from '../ops/metrics.ts';
import type { DocumentUpdate, Store } from '../store/store.ts';

/**
 * Batches the updates that arrive in one turn of the event loop, from any connection and any
 * document, into one store transaction. `write` resolves when its update is durable, so callers
 * relay and acknowledge only what the store has kept. Batches commit in arrival order.
 */
export class UpdateWriter {
  readonly #store: Store;
  readonly #metrics: MetricsFeed | undefined;
  #queue: { update: DocumentUpdate; done: PromiseWithResolvers<void> }[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #scheduled = false;
  /** Whether the last batch failed: /healthz reports the store as unavailable until one succeeds. */
  failing = false;

  constructor(store: Store, metrics?: MetricsFeed) {
    this.#store = store;
    this.#metrics = metrics;
  }

  write(update: DocumentUpdate): Promise<void> {
    const done = Promise.withResolvers<void>();
    this.#queue.push({ update, done });
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#flushing = this.#flushing.then(() => this.#flush());
      });
    }
    return done.promise;
  }

  /**
   * Runs `work` between batches: no batch commits while it runs. A compaction runs here, so the
   * updates it folds away are exactly those stored before its snapshot was encoded; with a store
   * that awaits I/O, a batch committing mid-compaction would otherwise be deleted unsnapshotted.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#flushing.then(work);
    this.#flushing = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  /** Resolves once everything written so far is durable (or has failed). */
  async idle(): Promise<void> {
    while (this.#queue.length > 0 || this.#scheduled) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.#flushing;
    }
    await this.#flushing;
  }

  async #flush(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    try {
      const updates = batch.map((entry) => entry.update);
      const metrics = this.#metrics;
      if (metrics)
        await Metrics.timed(
          (seconds) => metrics.storeWrites.observe(seconds),
          () => this.#store.appendUpdates(updates),
        );
      else await this.#store.appendUpdates(updates);
      metrics?.edits.inc(updates.length);
      this.failing = false;
      for (const entry of batch) entry.done.resolve();
    } catch (error) {
      this.failing = true;
      for (const entry of batch) entry.done.reject(error);
    }
  }
}
