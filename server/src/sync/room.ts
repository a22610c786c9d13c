import { parseDocumentName, type DocumentPart } from '@kinboard/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { ClientOwner, Store, StoredDocument, UpdateAuthor } from '../store/store.ts';
import { anonymousPrefix, ClientOwners } from './client-owners.ts';
import type { DocumentRelay, RelayedDocumentMessage } from './document-relay.ts';
import { encodeAwareness, encodeIntegratedState, encodeUpdate } from './messages.ts';
import { BoardSize, boardSizeLimits, type SizeVerdict } from './board-size.ts';
import { PendingGuard } from './pending-guard.ts';
import { defaultSyncLimits, TokenBucket, type SyncLimits } from './sync-limits.ts';
import type { UpdateWriter } from './update-writer.ts';

/** The origin of what another server stored and relayed: already durable, so not stored again. */
const relayed = Symbol('relayed by another server');

/** What a room needs from a connection: somewhere to send, and who it is. */
export interface RoomMember {
  readonly participantId: string | undefined;
  /** The name and role on record now, which the document's history keeps with each edit [HISTORY1]. */
  readonly author?: UpdateAuthor | undefined;
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
  /** Which of a meeting's documents this is: it decides the roots an update may touch [SYNC12]. */
  readonly part: DocumentPart;
  readonly doc: Y.Doc;
  /** Who writes under each client id [SYNC13], as stored and as claimed since. */
  readonly owners: ClientOwners;
  /** Bounds updates waiting for a missing dependency [SYNC15]. */
  readonly pending: PendingGuard;
  /**
   * Set while a client update is applied with pending data waiting: Yjs may then integrate
   * other clients' waiting structs in the sender's transaction, so the sender is sent the
   * transaction's update as well (it holds only its own part of it).
   */
  relayToSender = false;
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  state: 'open' | 'unloading' = 'open';
  unloadTimer: NodeJS.Timeout | undefined;
  readonly unloaded: Promise<void>;
  readonly #markUnloaded: () => void;
  readonly #store: Store;
  readonly #writer: UpdateWriter;
  readonly #relay: DocumentRelay | undefined;
  readonly #log: Logger;
  readonly #compactAfterUpdates: number;
  /** The board's true size and each participant's part of it [SYNC23]. */
  readonly #size: BoardSize;
  /** Each participant's share of the document's write rate, in bytes [SYNC24]. */
  readonly #writeRates = new Map<string, TokenBucket>();
  readonly #limits: SyncLimits;
  readonly #discard: (room: Room) => void;
  #storedSinceCompaction: number;
  readonly #awarenessRelayMs: number;
  readonly #awarenessChanged = new Set<number>();
  #awarenessTimer: NodeJS.Timeout | undefined;
  #awarenessRelayedAt = 0;
  #compacting: Promise<void> | undefined;
  /** Settles when every write this room has queued so far has settled; per room, so one busy
   * meeting never holds up another's unload. */
  #lastWrite: Promise<unknown> = Promise.resolve();
  #pendingWrites = 0;
  /** What the store is known to hold: the document's state vector when its last stored update was applied. */
  #durableStateVector: Uint8Array;

  constructor(options: {
    name: string;
    stored: StoredDocument;
    /** The client-id owners the store holds for the document, loaded with it [SYNC13]. */
    owners?: readonly ClientOwner[];
    store: Store;
    writer: UpdateWriter;
    log: Logger;
    compactAfterUpdates: number;
    maxDocumentBytes: number;
    /** Called when the store refused a write: the registry drops the room so it reloads from the store. */
    discard: (room: Room) => void;
    limits?: SyncLimits;
    /** With several servers: tells the others what this one stored, and compacts safely. */
    relay?: DocumentRelay | undefined;
  }) {
    const limits = options.limits ?? defaultSyncLimits;
    const parsed = parseDocumentName(options.name);
    if (!parsed) throw new Error(`not a document name: ${options.name}`);
    this.name = options.name;
    this.part = parsed.part;
    this.#awarenessRelayMs = limits.awarenessRelayMs;
    this.#discard = options.discard;
    this.#store = options.store;
    this.#writer = options.writer;
    this.#relay = options.relay;
    this.#log = options.log;
    this.#compactAfterUpdates = options.compactAfterUpdates;
    this.#limits = limits;
    const { promise, resolve } = Promise.withResolvers<void>();
    this.unloaded = promise;
    this.#markUnloaded = resolve;

    this.owners = new ClientOwners(options.owners);
    this.doc = new Y.Doc({ gc: true });
    Y.transact(this.doc, () => {
      for (const update of options.stored.updates) Y.applyUpdate(this.doc, update);
    });
    this.#storedSinceCompaction = options.stored.updates.length;
    this.#durableStateVector = Y.encodeStateVector(this.doc);
    this.#size = new BoardSize(this.doc, this.owners, boardSizeLimits(options.maxDocumentBytes));
    // Registered after loading, so loaded content is never stored a second time.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
    this.pending = new PendingGuard(this.doc, { maxBytes: limits.pendingBytes, maxMs: limits.pendingMs });

    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        for (const id of changed) this.#awarenessChanged.add(id);
        this.#scheduleAwarenessRelay();
        // Presence goes to the other servers as it comes; each one coalesces for its own members.
        // States timed out here time out on every server by themselves.
        if (this.#relay && origin !== relayed && origin !== 'timeout' && changed.length > 0)
          this.#relay.publish(this.name, {
            kind: 'awareness',
            update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
            owners: this.#admittedOwners(changed),
          });
      },
    );
  }

  /**
   * Presence changes are coalesced [SYNC17]: at most one relay per `awarenessRelayMs`, carrying
   * every client that changed since the last, so a room of moving cursors costs a fixed rate.
   */
  #scheduleAwarenessRelay(): void {
    if (this.#awarenessTimer || this.#awarenessChanged.size === 0) return;
    const wait = this.#awarenessRelayedAt + this.#awarenessRelayMs - performance.now();
    if (wait <= 0) return this.#relayAwareness();
    this.#awarenessTimer = setTimeout(() => {
      this.#awarenessTimer = undefined;
      this.#relayAwareness();
    }, wait);
  }

  #relayAwareness(): void {
    if (this.state !== 'open' || this.#awarenessChanged.size === 0) return;
    this.#awarenessRelayedAt = performance.now();
    const frame = encodeAwareness(this.awareness, [...this.#awarenessChanged]);
    this.#awarenessChanged.clear();
    for (const member of this.members) member.send(frame);
  }

  /**
   * Whether an update of this size fits the board and its writer's share of it [SYNC21]
   * [SYNC23]; an update that only removes content always does.
   */
  fits(
    updateBytes: number,
    writer: { participant: string; staff: boolean },
    removesOnly: boolean,
  ): SizeVerdict {
    return this.#size.judge(updateBytes, writer, removesOnly);
  }

  /** Takes an update's bytes from its writer's share of the write rate; false if it has none left [SYNC24]. */
  mayWrite(participant: string, updateBytes: number): boolean {
    let bucket = this.#writeRates.get(participant);
    if (!bucket) {
      bucket = new TokenBucket(this.#limits.participantBytesPerSecond, this.#limits.participantBytesBurst);
      this.#writeRates.set(participant, bucket);
    }
    return bucket.take(Math.min(updateBytes, this.#limits.participantBytesBurst));
  }

  /** Fold a long update log into one snapshot, e.g. right after loading it. */
  needsCompaction(): boolean {
    return this.#storedSinceCompaction > this.#compactAfterUpdates;
  }

  /** The state the store is known to hold, for a member that (re)joins: its "saved" is true. */
  get durableStateVector(): Uint8Array {
    return this.#durableStateVector;
  }

  /**
   * Resolves once none of this room's writes is in flight, so a joining client is never served
   * an edit the store has not kept [SYNC3]. Under steady typing it waits a few batches at most,
   * then answers anyway (the gap SPEC.md names). False if the room was dropped meanwhile.
   */
  async settled(): Promise<boolean> {
    for (let batches = 0; batches < 5 && this.#pendingWrites > 0; batches++) await this.#lastWrite;
    return this.state === 'open';
  }

  /**
   * What another server stored: applied without storing it again (Yjs ignores what the document
   * already has, so a repeat is harmless) and relayed to this server's members.
   */
  applyRelayed(message: RelayedDocumentMessage): void {
    if (this.state !== 'open') return;
    if (message.kind === 'awareness') {
      this.owners.learn(message.owners);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, relayed);
      return;
    }
    this.owners.learn(message.owners);
    Y.applyUpdate(this.doc, message.update, this.#relayedOrigin());
  }

  /**
   * A member's update waiting for a missing dependency may be integrated by what another server
   * relays, inside that transaction; it was never stored, so such a transaction is stored here as
   * if it were this server's own (storing what another server stored too is harmless).
   */
  #relayedOrigin(): unknown {
    return this.pending.waiting ? null : relayed;
  }

  /** Who the ids belong to, where that is an admitted person (a connection's own ids stay local). */
  #admittedOwners(clients: readonly number[]): ClientOwner[] {
    return clients.flatMap((client) => {
      const participant = this.owners.ownerOf(client);
      return participant && !participant.startsWith(anonymousPrefix)
        ? [{ client, participant, firstSeen: Date.now() }]
        : [];
    });
  }

  /** Messages may have been missed: whatever the store holds that this document lacks is applied. */
  catchUp(stored: StoredDocument, owners: readonly ClientOwner[]): void {
    if (this.state !== 'open') return;
    this.owners.learn(owners);
    const origin = this.#relayedOrigin();
    Y.transact(
      this.doc,
      () => {
        for (const update of stored.updates) Y.applyUpdate(this.doc, update, origin);
      },
      origin,
    );
  }

  #onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === relayed) {
      this.#size.grew(update.byteLength, undefined);
      this.#storedSinceCompaction++;
      // Stored by the server that relayed it; with none of this room's own writes in flight, all
      // the document holds is durable, so a client coming over from that server sees its saved.
      if (this.#pendingWrites === 0) this.#durableStateVector = Y.encodeStateVector(this.doc);
      const frame = encodeUpdate(update);
      for (const member of this.members) member.send(frame);
      return;
    }
    const sender = this.#isMember(origin) ? origin : undefined;
    const relayToSender = this.relayToSender;
    // Batches commit in order, so once this one is durable so is everything applied before it.
    const stateVector = Y.encodeStateVector(this.doc);
    this.#size.grew(update.byteLength, sender && participantOf(sender));
    // Ids claimed since the last write are stored with this one, in its transaction, so nothing
    // written under a new id is relayed or acknowledged before its owner is durable [SYNC13].
    const owners = this.owners.takeUnrecorded();
    const write = this.#writer.write({
      documentName: this.name,
      update,
      origin: sender?.participantId,
      author: sender?.author,
      owners,
    });
    this.#pendingWrites++;
    // One reaction per edit, not three (a catch, a finally and a then): it relays or drops, and
    // counts the write as settled; `#lastWrite` is that reaction, so it never rejects.
    this.#lastWrite = write.then(
      () => {
        this.#pendingWrites--;
        if (this.state !== 'open') return;
        this.#durableStateVector = stateVector;
        const frame = encodeUpdate(update);
        for (const member of this.members) if (member !== sender || relayToSender) member.send(frame);
        sender?.stored(stateVector);
        this.#relay?.publish(this.name, { kind: 'update', update, owners: owners ?? [] });
        this.#storedSinceCompaction++;
        if (this.needsCompaction()) void this.compact();
      },
      (error: unknown) => {
        this.#pendingWrites--;
        if (this.state !== 'open') return;
        // The edit is in memory but not in the store. Serving or compacting this document would
        // spread or keep what was never stored, so drop it: every member reconnects, the room
        // reloads what the store holds, and each client's sync step 2 sends its edit again.
        this.#log.error(
          { err: error, document: this.name },
          'an update could not be stored; reloading the document',
        );
        this.state = 'unloading';
        for (const member of [...this.members]) member.storeFailed();
        this.#discard(this);
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
        // Other servers write this document too, so memory may lack rows they stored: fold
        // exactly the rows the store holds instead.
        if (this.#relay) {
          await this.#store.foldDocumentUpdates(this.name);
          this.#size.measure();
          this.#storedSinceCompaction = 1;
          return;
        }
        // Encoded once none of its own writes can commit, so it holds every update the store
        // replaces by it; the other documents go on committing meanwhile [SYNC30].
        await this.#writer.exclusive(this.name, () => {
          const snapshot = encodeIntegratedState(this.doc);
          this.#size.measure();
          return this.#store.compactDocument(this.name, snapshot);
        });
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
  async unload(forget: () => void, options: { compact: boolean } = { compact: true }): Promise<void> {
    this.state = 'unloading';
    // Writes still in flight are not counted as stored once the room is unloading: count them here.
    const inFlight = this.#pendingWrites;
    try {
      // Its own writes must be durable before a new room may load the document again; the other
      // documents' writes are not waited for [SYNC30].
      await this.#writer.settled(this.name);
      if (options.compact && this.#storedSinceCompaction + inFlight > 1) await this.compact();
    } finally {
      clearTimeout(this.#awarenessTimer);
      this.pending.dispose();
      this.awareness.destroy();
      this.doc.destroy();
      forget();
      this.#markUnloaded();
    }
  }
}

/** Who a member writes as: a connection's participant, or the server's own edit's. */
function participantOf(member: RoomMember): string | undefined {
  const participant = (member as { participant?: unknown }).participant;
  return typeof participant === 'string' ? participant : member.participantId;
}
