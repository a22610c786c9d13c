import { Metrics, type MetricsFeed } from '../ops/metrics.ts';
import type { DocumentUpdate, Store } from '../store/store.ts';
import type { SavingState } from './saving-state.ts';

interface Entry {
  update: DocumentUpdate;
  done: PromiseWithResolvers<void>;
}

/**
 * Batches the updates that arrive in one turn of the event loop, from any connection and any
 * document, into one store transaction. `write` resolves when its update is durable, so callers
 * relay and acknowledge only what the store has kept. Batches commit in arrival order.
 *
 * Waits are per document [SYNC30]: `settled` and `exclusive` concern one document's writes, so a
 * board that unloads or compacts never waits for the whole server's queue to run dry.
 */
export class UpdateWriter {
  readonly #store: Store;
  readonly #metrics: MetricsFeed | undefined;
  #queue: Entry[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #scheduled = false;
  /** Each batch's outcome tells it whether the store saves [RECORD4]. */
  readonly #saving: SavingState | undefined;
  /** Each document's last write not yet settled (durable or failed). */
  readonly #last = new Map<string, Entry>();
  /** Documents in `exclusive` work: their new writes wait here, the other documents' do not. */
  readonly #held = new Map<string, Entry[]>();
  /** Each document's exclusive work, one after another. */
  readonly #turns = new Map<string, Promise<void>>();

  constructor(store: Store, saving?: SavingState, metrics?: MetricsFeed) {
    this.#store = store;
    this.#saving = saving;
    this.#metrics = metrics;
  }

  write(update: DocumentUpdate): Promise<void> {
    const done = Promise.withResolvers<void>();
    const entry = { update, done };
    const name = update.documentName;
    // Forgotten when its batch settles (#settle), so no promise is chained to each write.
    this.#last.set(name, entry);
    const held = this.#held.get(name);
    if (held) held.push(entry);
    else this.#enqueue([entry]);
    return done.promise;
  }

  /** Resolves once every write of this document made so far is durable (or has failed) [SYNC30]. */
  settled(documentName: string): Promise<void> {
    const last = this.#last.get(documentName);
    return last ? last.done.promise.then(ignore, ignore) : Promise.resolve();
  }

  /**
   * Runs `work` once this document's writes so far have settled, and holds its new writes until
   * it is done; other documents' batches go on committing meanwhile [SYNC30]. A compaction runs
   * here, so the updates it folds away are exactly those stored before its snapshot was encoded.
   */
  exclusive<T>(documentName: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#turns.get(documentName) ?? Promise.resolve()).then(() =>
      this.#holding(documentName, work),
    );
    const turn = result.then(
      () => {},
      () => {},
    );
    this.#turns.set(documentName, turn);
    void turn.then(() => {
      if (this.#turns.get(documentName) === turn) this.#turns.delete(documentName);
    });
    return result;
  }

  async #holding<T>(documentName: string, work: () => Promise<T>): Promise<T> {
    const held: Entry[] = [];
    this.#held.set(documentName, held);
    try {
      await this.settled(documentName);
      return await work();
    } finally {
      this.#held.delete(documentName);
      this.#enqueue(held);
    }
  }

  /** Resolves once everything written so far is durable (or has failed): for shutdown only. */
  async idle(): Promise<void> {
    while (this.#queue.length > 0 || this.#scheduled || this.#held.size > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.#flushing;
    }
    await this.#flushing;
  }

  #enqueue(entries: Entry[]): void {
    if (entries.length === 0) return;
    this.#queue.push(...entries);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#flushing = this.#flushing.then(() => this.#flush());
    });
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
      this.#saving?.succeeded();
      for (const entry of batch) this.#settle(entry).done.resolve();
    } catch (error) {
      this.#saving?.failed(error);
      for (const entry of batch) this.#settle(entry).done.reject(error);
    }
  }

  #settle(entry: Entry): Entry {
    const name = entry.update.documentName;
    if (this.#last.get(name) === entry) this.#last.delete(name);
    return entry;
  }
}

const ignore = () => {};
