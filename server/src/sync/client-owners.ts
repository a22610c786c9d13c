/**
 * Which participant writes under each Yjs client id in one document [SYNC13]. The first
 * participant to use an id owns it for as long as the document is loaded; anyone else writing
 * under it is refused, because a few bytes under another person's id would silently swallow that
 * person's later edits (Yjs ignores structs it believes it already has).
 *
 * A participant is the connection's admitted participant id. A connection with none (a stock
 * client, or before the access work admits people) is its own participant, and its ids are
 * released when it leaves so that it can reconnect under the same id.
 */
export class ClientOwners {
  readonly #owners = new Map<number, string>();
  readonly #owned = new Map<string, Set<number>>();
  readonly #waiting = new Map<string, Set<() => void>>();

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

  claim(clients: Iterable<number>, participant: string): void {
    let owned = this.#owned.get(participant);
    for (const client of clients) {
      if (this.#owners.has(client)) continue;
      this.#owners.set(client, participant);
      if (!owned) this.#owned.set(participant, (owned = new Set()));
      owned.add(client);
    }
  }

  release(participant: string): void {
    const owned = this.#owned.get(participant);
    if (!owned) return;
    for (const client of owned) this.#owners.delete(client);
    this.#owned.delete(participant);
    const waiting = this.#waiting.get(participant);
    this.#waiting.delete(participant);
    for (const then of waiting ?? []) then();
  }
}
