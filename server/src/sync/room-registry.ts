import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { DocumentRelay } from './document-relay.ts';
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
  readonly #relay: DocumentRelay | undefined;
  /** Per loaded document, what stops the other servers' messages about it. */
  readonly #unsubscribes = new Map<Promise<Room>, () => Promise<void>>();

  constructor(options: {
    store: Store;
    writer: UpdateWriter;
    log: Logger;
    unloadDelayMs: number;
    compactAfterUpdates: number;
    maxDocumentBytes?: number;
    limits?: SyncLimits;
    relay?: DocumentRelay | undefined;
  }) {
    this.#limits = options.limits;
    this.#relay = options.relay;
    // Messages were lost while Redis was away: every loaded document rereads the store.
    this.#relay?.onGap(() => void this.#catchUpAll());
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

  /**
   * Drops every loaded document of the meetings without writing it back (their family is being
   * erased [ERASE5]); their connections are closed by the access events the erasure sends.
   */
  async discardMeetings(meetingIds: readonly string[]): Promise<void> {
    const ids = new Set(meetingIds);
    const rooms = await Promise.allSettled(
      [...this.#rooms].filter(([name]) => ids.has(name.split('.')[0] ?? '')).map(([, room]) => room),
    );
    await Promise.all(
      rooms.flatMap((result) =>
        result.status === 'fulfilled' ? [this.#unload(result.value, { discard: true })] : [],
      ),
    );
  }

  #loaded(name: string): Promise<Room> {
    const known = this.#rooms.get(name);
    if (known) return known;
    const relay = this.#relay;
    const { promise: pending, resolve, reject } = Promise.withResolvers<Room>();
    this.#rooms.set(name, pending);
    // Subscribed before loading, so an update another server stores meanwhile is either in what
    // loads or arrives after; messages wait, in order, for the load.
    const subscribed = relay
      ? relay
          .subscribe(name, (message) => void pending.then((room) => room.applyRelayed(message)))
          .then((unsubscribe) => void this.#unsubscribes.set(pending, unsubscribe))
      : Promise.resolve();
    // The owners of its client ids load with the document, before anyone is answered [SYNC13].
    subscribed
      .then(() => Promise.all([this.#store.loadDocument(name), this.#store.loadClientOwners(name)]))
      .then(([stored, owners]) => {
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
          relay,
        });
        if (room.needsCompaction()) void room.compact();
        return room;
      })
      .then(resolve, reject);
    // A failed load must not stick: the next connection tries again.
    pending.catch(() => {
      if (this.#rooms.get(name) === pending) this.#rooms.delete(name);
      this.#stopRelay(pending);
    });
    return pending;
  }

  #stopRelay(entry: Promise<Room>): void {
    const unsubscribe = this.#unsubscribes.get(entry);
    this.#unsubscribes.delete(entry);
    void unsubscribe?.();
  }

  async #catchUpAll(): Promise<void> {
    for (const pending of [...this.#rooms.values()]) {
      try {
        const room = await pending;
        const [stored, owners] = await Promise.all([
          this.#store.loadDocument(room.name),
          this.#store.loadClientOwners(room.name),
        ]);
        room.catchUp(stored, owners);
      } catch (error) {
        this.#log.error({ err: error }, 'a document could not catch up from the store');
      }
    }
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
        if (entry) this.#stopRelay(entry);
      },
      { compact: !options.discard },
    );
    this.#log.debug({ document: room.name }, 'document unloaded');
  }
}
