import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { Room, type RoomMember } from './room.ts';

import type { SyncLimits } from './sync-limits.ts';
import type { UpdateWriter } from './update-writer.ts';

/** A full meeting's board is a few KB; this leaves room for years of edits between compactions. */
export const defaultMaxDocumentBytes = 4 * 1024 * 1024;

/**
 * Which documents are in memory. A document is loaded from the store before anyone joins it
 * [SYNC1], shared by every connection, and unloaded a while after the last one leaves [SYNC6].
 * A connection arriving while its document unloads waits for the unload to finish and then
 * loads the stored state afresh, so it never joins a document that is being torn down.
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Promise<Room>>();
  readonly #store: Store;
  readonly #writer: UpdateWriter;
  readonly #log: Logger;
  readonly #unloadDelayMs: number;
  readonly #compactAfterUpdates: number;
  readonly #maxDocumentBytes: number;
  readonly #limits: SyncLimits | undefined;

  constructor(options: {
    store: Store;
    writer: UpdateWriter;
    log: Logger;
    unloadDelayMs: number;
    compactAfterUpdates: number;
    maxDocumentBytes?: number;
    limits?: SyncLimits;
  }) {
    this.#limits = options.limits;
    this.#store = options.store;
    this.#writer = options.writer;
    this.#log = options.log;
    this.#unloadDelayMs = options.unloadDelayMs;
    this.#compactAfterUpdates = options.compactAfterUpdates;
    this.#maxDocumentBytes = options.maxDocumentBytes ?? defaultMaxDocumentBytes;
  }

  /** Loads the document if needed and adds the member to it in the same turn it is seen open. */
  async join(name: string, member: RoomMember): Promise<Room> {
    for (;;) {
      const room = await this.#loaded(name);
      if (room.state === 'open') {
        clearTimeout(room.unloadTimer);
        room.unloadTimer = undefined;
        room.members.add(member);
        return room;
      }
      await room.unloaded;
    }
  }

  leave(room: Room, member: RoomMember): void {
    room.members.delete(member);
    if (room.members.size > 0 || room.state !== 'open') return;
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => void this.#unload(room), this.#unloadDelayMs);
  }

  get size(): number {
    return this.#rooms.size;
  }

  /** Unloads every document (on shutdown); members must already be gone. */
  async unloadAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.#rooms.values()]);
    await Promise.all(
      rooms.flatMap((result) => (result.status === 'fulfilled' ? [this.#unload(result.value)] : [])),
    );
  }

  #loaded(name: string): Promise<Room> {
    let pending = this.#rooms.get(name);
    if (!pending) {
      // The owners of its client ids load with the document, before anyone is answered [SYNC13].
      pending = Promise.all([this.#store.loadDocument(name), this.#store.loadClientOwners(name)]).then(
        ([stored, owners]) => {
          const room = new Room({
            name,
            stored,
            owners,
            store: this.#store,
            writer: this.#writer,
            log: this.#log,
            compactAfterUpdates: this.#compactAfterUpdates,
            maxDocumentBytes: this.#maxDocumentBytes,
            limits: this.#limits,
            discard: (broken) => void this.#unload(broken, { discard: true }),
          });
          if (room.needsCompaction()) void room.compact();
          return room;
        },
      );
      this.#rooms.set(name, pending);
      // A failed load must not stick: the next connection tries again.
      pending.catch(() => {
        if (this.#rooms.get(name) === pending) this.#rooms.delete(name);
      });
    }
    return pending;
  }

  /** `discard` drops a room whose state the store does not hold, without compacting it. */
  async #unload(room: Room, options: { discard?: boolean } = {}): Promise<void> {
    clearTimeout(room.unloadTimer);
    room.unloadTimer = undefined;
    if (!options.discard && (room.members.size > 0 || room.state !== 'open')) return;
    const entry = this.#rooms.get(room.name);
    await room.unload(
      () => {
        if (this.#rooms.get(room.name) === entry) this.#rooms.delete(room.name);
      },
      { compact: !options.discard },
    );
    this.#log.debug({ document: room.name }, 'document unloaded');
  }
}
