import * as Y from 'yjs';
import type { ClientOwners } from './client-owners.ts';

/** What a board may hold, and each person's part of it [SYNC23]. */
export interface BoardSizeLimits {
  /** The whole document, as encoded (`MAX_DOCUMENT_BYTES`). */
  maxBytes: number;
  /** The part of it one participant who is not staff may hold. */
  shareOfParticipant: number;
  /** How full the board may get from participants who are not staff; the rest is the chair's. */
  shareOfGuests: number;
  /** Deletions are only seen by measuring again: at most this often. */
  measureEveryMs: number;
}

export function boardSizeLimits(maxBytes: number): BoardSizeLimits {
  return {
    maxBytes,
    shareOfParticipant: Math.floor(maxBytes / 4),
    shareOfGuests: Math.floor((maxBytes * 7) / 8),
    measureEveryMs: 200,
  };
}

export type SizeVerdict = 'fits' | 'participantFull' | 'boardFull';

/**
 * How big a board truly is, and how much of it each participant holds [SYNC23]. Measured from
 * the document itself (its encoded size, and each participant's live, undeleted content), so
 * deleting content frees room; between measures every applied update's bytes are added to both,
 * an upper bound that is exact again at the next measure. Measuring walks the document, so it
 * runs only when a write would be refused and something was deleted since the last measure, and
 * at most every `measureEveryMs`.
 */
export class BoardSize {
  readonly #doc: Y.Doc;
  readonly #owners: ClientOwners;
  readonly #limits: BoardSizeLimits;
  #total = 0;
  #byParticipant = new Map<string, number>();
  #deletedSinceMeasure = false;
  #measuredAt = -Infinity;

  constructor(doc: Y.Doc, owners: ClientOwners, limits: BoardSizeLimits) {
    this.#doc = doc;
    this.#owners = owners;
    this.#limits = limits;
    this.measure();
    // Anything removed (a deleted card, replaced text) makes the count too high until measured.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.deleteSet.clients.size > 0) this.#deletedSinceMeasure = true;
    });
  }

  /** The board's size as last measured plus what was applied since (bytes, about as encoded). */
  get bytes(): number {
    return this.#total;
  }

  heldBy(participant: string): number {
    return this.#byParticipant.get(participant) ?? 0;
  }

  /** An update was applied: `participant` (if known) wrote `bytes`. */
  grew(bytes: number, participant: string | undefined): void {
    this.#total += bytes;
    if (participant !== undefined) this.#byParticipant.set(participant, this.heldBy(participant) + bytes);
  }

  /**
   * Whether an update adding `bytes` fits for its writer. An update that only removes content
   * always fits, so a full board can always be cleared. Staff are limited by the whole board
   * only; everyone else by their own share and by the guests' share of the board.
   */
  judge(bytes: number, writer: { participant: string; staff: boolean }, removesOnly: boolean): SizeVerdict {
    if (removesOnly) return 'fits';
    let verdict = this.#verdict(bytes, writer);
    if (verdict !== 'fits' && this.#deletedSinceMeasure && this.#mayMeasure()) {
      this.measure();
      verdict = this.#verdict(bytes, writer);
    }
    return verdict;
  }

  #verdict(bytes: number, { participant, staff }: { participant: string; staff: boolean }): SizeVerdict {
    const total = this.#total + bytes;
    if (total > this.#limits.maxBytes) return 'boardFull';
    if (staff) return 'fits';
    if (total > this.#limits.shareOfGuests) return 'boardFull';
    if (this.heldBy(participant) + bytes > this.#limits.shareOfParticipant) return 'participantFull';
    return 'fits';
  }

  #mayMeasure(): boolean {
    return performance.now() - this.#measuredAt >= this.#limits.measureEveryMs;
  }

  /**
   * Measures the document again, from its structs: what each live item costs encoded, and a few
   * bytes for each deleted one (with gc on, its content is gone). Close to the encoded size
   * (`Y.encodeStateAsUpdate`), at a tenth of the cost (a 4 MB board: about 2 ms against 22).
   */
  measure(): void {
    this.#measuredAt = performance.now();
    this.#deletedSinceMeasure = false;
    let total = 0;
    const held = new Map<string, number>();
    for (const [client, structs] of this.#doc.store.clients) {
      let live = 0;
      for (const struct of structs)
        if (struct instanceof Y.Item && !struct.deleted) live += itemBytes(struct);
        else total += deletedBytes;
      total += live;
      const owner = this.#owners.ownerOf(client);
      if (owner !== undefined && live > 0) held.set(owner, (held.get(owner) ?? 0) + live);
    }
    this.#total = total;
    this.#byParticipant = held;
  }
}

const deletedBytes = 4;

/** About what an item costs encoded: its content, its key, and a few bytes of ids and origins. */
function itemBytes(item: Y.Item): number {
  const overhead = 8 + (item.parentSub?.length ?? 0);
  const content = item.content;
  if (content instanceof Y.ContentString) return overhead + Buffer.byteLength(content.str);
  if (content instanceof Y.ContentAny) return overhead + JSON.stringify(content.arr).length;
  if (content instanceof Y.ContentBinary) return overhead + content.content.byteLength;
  if (content instanceof Y.ContentJSON) return overhead + JSON.stringify(content.arr).length;
  if (content instanceof Y.ContentEmbed || content instanceof Y.ContentFormat)
    return overhead + JSON.stringify(content.getContent()).length;
  return overhead;
}
