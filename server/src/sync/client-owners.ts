import type { ClientOwner } from '../store/store.ts';

/** A connection without an admitted identity writes as itself: `connection:<n>`, in memory only. */
export const anonymousPrefix = 'connection:';

/**
 * Which participant writes under each Yjs client id in one document [SYNC13]. The first
 * participant to use an id owns it; anyone else writing under it is refused, because a few bytes
 * under another person's id would silently swallow that person's later edits (Yjs ignores structs
 * it believes it already has).
 *
 * A participant is the connection's admitted participant id. Its claims are durable: loaded with
 * the document, and handed to the document's next write (`takeUnrecorded`), which stores them in
 * the same transaction as the update, so a restart or an unload never frees an id.
 *
 * A connection with none (a stock client with sign-in off, ACCESS18) is its own participant,
 * kept only in memory, and its ids are released when it leaves so that it can reconnect under the
 * same id.
 */
export class ClientOwners {
  readonly #owners = new Map<number, string>();
  readonly #owned = new Map<string, Set<number>>();
  readonly #waiting = new Map<string, Set<() => void>>();
  /** Durable claims not yet handed to a write, in the order made. */
  #unrecorded: ClientOwner[] = [];
  readonly #now: () => number;

  /** `stored`: the owners the store holds for the document, loaded with it. */
  constructor(stored: readonly ClientOwner[] = [], now: () => number = Date.now) {
    this.#now = now;
    for (const { client, participant } of stored) this.#own(client, participant);
  }

  /** Runs `then` once `participant` releases its ids; returns a function that cancels it. */
  whenReleased(participant: string, then: () => void): () => void {
    let waiting = this.#waiting.get(participant);
    if (!waiting) this.#waiting.set(participant, (waiting = new Set()));
    waiting.add(then);
    return () => waiting.delete(then);
  }

  ownerOf(client: number): string | undefined {
    return this.#owners.get(client);
  }

  /** The first client id owned by someone other than `participant`, if any. */
  foreign(clients: Iterable<number>, participant: string): number | undefined {
    for (const client of clients) {
      const owner = this.#owners.get(client);
      if (owner !== undefined && owner !== participant) return client;
    }
    return undefined;
  }

  /**
   * Gives the unowned ids to `participant`. With `durable`, the claims wait for the document's
   * next write to be stored with it; without (an anonymous connection), they live in memory only.
   */
  claim(clients: Iterable<number>, participant: string, options: { durable: boolean }): void {
    for (const client of clients) {
      if (this.#owners.has(client)) continue;
      this.#own(client, participant);
      if (options.durable) this.#unrecorded.push({ client, participant, firstSeen: this.#now() });
    }
  }

  /**
   * The durable claims made since the last call, for the write the document makes next. The
   * caller stores them with that write; if it fails, the room is dropped and these with it.
   */
  takeUnrecorded(): ClientOwner[] | undefined {
    if (this.#unrecorded.length === 0) return undefined;
    const taken = this.#unrecorded;
    this.#unrecorded = [];
    return taken;
  }

  release(participant: string): void {
    const owned = this.#owned.get(participant);
    if (!owned) return;
    for (const client of owned) this.#owners.delete(client);
    this.#owned.delete(participant);
    this.#unrecorded = this.#unrecorded.filter((claim) => claim.participant !== participant);
    const waiting = this.#waiting.get(participant);
    this.#waiting.delete(participant);
    for (const then of waiting ?? []) then();
  }

  /**
   * Owners another server has already stored with an update it relayed: known here from now on,
   * and not stored again. An id this server saw claimed first keeps its owner here; the store,
   * which has one row an id, holds the first one written.
   */
  learn(owners: readonly ClientOwner[]): void {
    for (const { client, participant } of owners)
      if (!this.#owners.has(client)) this.#own(client, participant);
  }

  #own(client: number, participant: string): void {
    this.#owners.set(client, participant);
    let owned = this.#owned.get(participant);
    if (!owned) this.#owned.set(participant, (owned = new Set()));
    owned.add(client);
  }
}
