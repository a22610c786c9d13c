import * as Y from 'yjs';

/** What Yjs holds back: structs waiting for a missing dependency, deletes of unknown items. */
function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

export interface PendingOwner {
  /** Closes the connection whose update is still waiting; it may reconnect and sync again. */
  pendingExpired(reason: string): void;
}

/**
 * Bounds what a document keeps of updates it cannot apply yet [SYNC15]. Yjs integrates what it
 * can and holds the rest in `doc.store.pendingStructs` / `pendingDs`; its `update` event carries
 * only integrated parts, so the rest is neither stored nor relayed, and the sync step 2 and the
 * compaction snapshot leave it out (messages.ts `encodeIntegratedState`). An honest client never
 * leaves a gap: it sends on one ordered socket what it has, and it has only what was stored. So
 * pending data is kept for at most `maxMs` and `maxBytes`, then dropped and its senders closed.
 */
export class PendingGuard {
  readonly #doc: Y.Doc;
  readonly #maxBytes: number;
  readonly #maxMs: number;
  readonly #owners = new Set<PendingOwner>();
  #timer: NodeJS.Timeout | undefined;

  constructor(doc: Y.Doc, limits: { maxBytes: number; maxMs: number }) {
    this.#doc = doc;
    this.#maxBytes = limits.maxBytes;
    this.#maxMs = limits.maxMs;
  }

  /** Whether anything is waiting: the next update may integrate it. */
  get waiting(): boolean {
    return this.#doc.store.pendingStructs !== null || this.#doc.store.pendingDs !== null;
  }

  /**
   * Called after each client update has been applied. `reaches` is how far the update wrote per
   * client id: a client still short of it left part of this update waiting, so its sender is
   * closed if that is still so at the bound. (Another sender's update may integrate or re-merge
   * waiting data; that does not make it the owner.)
   */
  settle(sender: PendingOwner, reaches: ReadonlyMap<number, number>): void {
    if (!this.waiting) return this.#clear();
    for (const [client, end] of reaches)
      if (Y.getState(this.#doc.store, client) < end) {
        this.#owners.add(sender);
        break;
      }
    if (pendingBytes(this.#doc) > this.#maxBytes) return this.expire('too much waiting for missing edits');
    this.#timer ??= setTimeout(() => this.expire('edits waited too long for missing edits'), this.#maxMs);
  }

  /** Drops the pending data (never integrated, so the document is otherwise untouched). */
  expire(reason: string): void {
    const owners = [...this.#owners];
    this.#doc.store.pendingStructs = null;
    this.#doc.store.pendingDs = null;
    this.#clear();
    for (const owner of owners) owner.pendingExpired(reason);
  }

  /** A member leaving takes nothing with it: its pending data stays bounded by the timer. */
  dispose(): void {
    this.#clear();
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#owners.clear();
  }
}
