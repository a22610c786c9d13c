import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';

/**
 * Whether this server can save edits right now [RECORD4] [RECORD5]. A write the store refuses
 * (disk full, database locked or down) stops saving: boards stay readable, edits are refused
 * rather than taken and lost, and every screen is told. While stopped, a small write is tried
 * every `retryMs`; the first that succeeds (or any other write that does) starts saving again,
 * with nobody having to do anything.
 */
export class SavingState {
  #saving = true;
  #timer: NodeJS.Timeout | undefined;
  #probing = false;
  readonly #listeners = new Set<(saving: boolean) => void>();
  readonly #store: Pick<Store, 'probeWrite'>;
  readonly #log: Logger;
  readonly #retryMs: number;

  constructor(store: Pick<Store, 'probeWrite'>, log: Logger, retryMs: number) {
    this.#store = store;
    this.#log = log;
    this.#retryMs = retryMs;
  }

  get saving(): boolean {
    return this.#saving;
  }

  /** Calls `listener` each time saving stops or starts again. */
  onChange(listener: (saving: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A write failed. */
  failed(error: unknown): void {
    if (!this.#saving) return;
    this.#saving = false;
    this.#log.error({ err: error }, 'the store cannot save; boards are read-only until it can');
    this.#timer = setInterval(() => void this.#probe(), this.#retryMs);
    this.#timer.unref();
    this.#tell();
  }

  /** A write succeeded. */
  succeeded(): void {
    if (this.#saving) return;
    this.#saving = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#log.warn('the store saves again; boards take edits');
    this.#tell();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#listeners.clear();
  }

  async #probe(): Promise<void> {
    if (this.#probing || this.#saving) return;
    this.#probing = true;
    try {
      await this.#store.probeWrite();
      this.succeeded();
    } catch (error) {
      this.#log.debug({ err: error }, 'the store still cannot save');
    } finally {
      this.#probing = false;
    }
  }

  #tell(): void {
    for (const listener of this.#listeners) listener(this.#saving);
  }
}
