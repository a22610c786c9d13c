import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Store, StoredDocument } from '../store/store.ts';
import { encodeAwareness, encodeUpdate } from './messages.ts';
import type { UpdateWriter } from './update-writer.ts';

/** What a room needs from a connection: somewhere to send, and who it is. */
export interface RoomMember {
  readonly participantId: string | undefined;
  send(frame: Uint8Array): void;
  /** Called once the member's own edits up to this state vector are durable. */
  stored(stateVector: Uint8Array): void;
  storeFailed(): void;
}

/**
 * One document in memory, shared by every connection to it. Edits are applied to the document,
 * made durable, and only then relayed to the other members [SYNC3].
 */
export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  state: 'open' | 'unloading' = 'open';
  unloadTimer: NodeJS.Timeout | undefined;
  readonly unloaded: Promise<void>;
  readonly #markUnloaded: () => void;
  readonly #store: Store;
  readonly #writer: UpdateWriter;
  readonly #log: Logger;
  readonly #compactAfterUpdates: number;
  #storedSinceCompaction: number;
  #compacting: Promise<void> | undefined;

  constructor(options: {
    name: string;
    stored: StoredDocument;
    store: Store;
    writer: UpdateWriter;
    log: Logger;
    compactAfterUpdates: number;
  }) {
    this.name = options.name;
    this.#store = options.store;
    this.#writer = options.writer;
    this.#log = options.log;
    this.#compactAfterUpdates = options.compactAfterUpdates;
    const { promise, resolve } = Promise.withResolvers<void>();
    this.unloaded = promise;
    this.#markUnloaded = resolve;

    this.doc = new Y.Doc({ gc: true });
    Y.transact(this.doc, () => {
      for (const update of options.stored.updates) Y.applyUpdate(this.doc, update);
    });
    this.#storedSinceCompaction = options.stored.updates.length;
    // Registered after loading, so loaded content is never stored a second time.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));

    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        const changed = [...added, ...updated, ...removed];
        if (changed.length === 0) return;
        const frame = encodeAwareness(this.awareness, changed);
        for (const member of this.members) member.send(frame);
      },
    );
  }

  /** Fold a long update log into one snapshot, e.g. right after loading it. */
  needsCompaction(): boolean {
    return this.#storedSinceCompaction > this.#compactAfterUpdates;
  }

  #onUpdate(update: Uint8Array, origin: unknown): void {
    const sender = this.#isMember(origin) ? origin : undefined;
    this.#writer.write({ documentName: this.name, update, origin: sender?.participantId }).then(
      () => {
        const frame = encodeUpdate(update);
        for (const member of this.members) if (member !== sender) member.send(frame);
        sender?.stored(Y.encodeStateVector(this.doc));
        this.#storedSinceCompaction++;
        if (this.needsCompaction()) void this.compact();
      },
      (error: unknown) => {
        this.#log.error({ err: error, document: this.name }, 'an update could not be stored');
        sender?.storeFailed();
      },
    );
  }

  #isMember(origin: unknown): origin is RoomMember {
    return typeof origin === 'object' && origin !== null && this.members.has(origin as RoomMember);
  }

  /** Replaces the stored update log with one snapshot of the document [SYNC5]. */
  compact(): Promise<void> {
    this.#compacting ??= (async () => {
      try {
        await this.#writer.idle();
        // Encoded once no batch can commit, so it holds every update the store replaces by it.
        await this.#writer.exclusive(() =>
          this.#store.compactDocument(this.name, Y.encodeStateAsUpdate(this.doc)),
        );
        this.#storedSinceCompaction = 1;
      } catch (error) {
        this.#log.error({ err: error, document: this.name }, 'compaction failed; the update log is kept');
      } finally {
        this.#compacting = undefined;
      }
    })();
    return this.#compacting;
  }

  /**
   * Waits for every write, compacts, and frees the document. Called only with no members.
   * `forget` runs before anyone waiting on `unloaded` resumes, so they load afresh.
   */
  async unload(forget: () => void): Promise<void> {
    this.state = 'unloading';
    try {
      await this.#writer.idle();
      if (this.#storedSinceCompaction > 1) await this.compact();
    } finally {
      this.awareness.destroy();
      this.doc.destroy();
      forget();
      this.#markUnloaded();
    }
  }
}
