/**
 * What one sync connection may do. Generous for people (a person typing fast, even pasting,
 * sends tens of messages a second; a reconnect sends three) and tight for a broken or hostile
 * client. Defaults here; the sync server accepts overrides for tests.
 */
export interface SyncLimits {
  /** Token bucket per connection [SYNC16]: sustained messages per second, and the burst. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Before the document is loaded [SYNC1]: frames, bytes, and how long loading may take. */
  framesBeforeReady: number;
  bytesBeforeReady: number;
  readyWithinMs: number;
  /** The client's first sync message (its step 1) must arrive this soon after opening [ACCESS26]. */
  firstStepWithinMs: number;
  /** Updates waiting for a missing dependency [SYNC15]. */
  pendingBytes: number;
  pendingMs: number;
  /** One awareness state, as JSON [SYNC17]. */
  awarenessStateBytes: number;
  /** Awareness changes in a document are relayed at most this often [SYNC17]. */
  awarenessRelayMs: number;
}

export const defaultSyncLimits: SyncLimits = {
  messagesPerSecond: 200,
  messageBurst: 400,
  framesBeforeReady: 256,
  bytesBeforeReady: 4 * 1024 * 1024,
  readyWithinMs: 15_000,
  firstStepWithinMs: 5_000,
  pendingBytes: 64 * 1024,
  pendingMs: 5_000,
  awarenessStateBytes: 2 * 1024,
  awarenessRelayMs: 100,
};

/** A token bucket: `take` is false once the connection has sent faster than allowed. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #at = performance.now();

  constructor(perSecond: number, burst: number) {
    this.#rate = perSecond / 1000;
    this.#burst = burst;
    this.#tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#rate);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
