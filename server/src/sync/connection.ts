import { closeCodes, messageTooBig } from '@kinboard/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import type { UpdateAuthor } from '../store/store.ts';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeStored,
  encodeStoreStatus,
  encodeSyncStep1,
  encodeSyncStep2,
  MalformedMessage,
  type ClientMessage,
} from './messages.ts';
import { encodePresence, readPresence, type PresenceEntry } from './awareness-guard.ts';
import { anonymousPrefix } from './client-owners.ts';
import type { PendingOwner } from './pending-guard.ts';
import type { RoomRegistry } from './room-registry.ts';
import type { Room, RoomMember } from './room.ts';
import { defaultSyncLimits, TokenBucket, type SyncLimits } from './sync-limits.ts';
import type { SavingState } from './saving-state.ts';
import { inspectUpdate, type DecodedUpdate } from './update-guard.ts';
import { judgeSaving } from './write-permission.ts';

type Authorise = (
  decoded: DecodedUpdate,
  room: Room,
  update: Uint8Array,
) => { code: number; reason: string } | undefined;

const keepAliveMs = 30_000;
/** How long a closed connection waits for the client to answer the close [ACCESS26]. */
const closeHandshakeMs = 2_000;
/** How long an anonymous connection's update waits for the id's previous connection to go. */
const takeOverWithinMs = 3_000;
let anonymousConnections = 0;
let connectionCount = 0;

/** What the client sent that was refused: the close code and reason, and whether it was a write rule. */
export interface SyncRefusal {
  code: number;
  reason: string;
  kind: 'sync' | 'write';
  connection: string;
}

/** Names an error by its kind and message, cut short: no stack trace and no bytes of the frame. */
function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 120) : 'unknown';
}

/**
 * One WebSocket speaking the y-websocket protocol for one document. Frames that arrive before
 * the document is loaded wait in a small queue and are handled in order once it is.
 */
export class SyncConnection implements RoomMember, PendingOwner {
  readonly participantId: string | undefined;
  readonly #author: (() => UpdateAuthor) | undefined;
  /**
   * Who this connection writes as [SYNC13]: the admitted participant, or, with none, the
   * connection itself. The access work's seam: give the connection a `participantId`.
   */
  readonly #participant: string;
  /**
   * The access work's seam for presence [SYNC17]: given the state a client claims, the state
   * others see (its name and role replaced by the admission record). None: passed on as sent.
   */
  readonly #presence: ((state: Record<string, unknown>) => Record<string, unknown>) | undefined;
  /**
   * The access work's seam for writing [ACCESS14] [ACCESS15]: judges each well-formed update
   * against who sent it, before any of it is applied. None: every well-formed update is applied.
   */
  readonly #authorise: Authorise | undefined;
  readonly #limits: SyncLimits;
  /** Staff are limited by the whole board, everyone else by their share of it too [SYNC23]. */
  readonly #staff: boolean;
  /** Names this connection in log lines and audit entries (never content). */
  readonly id = `s${(++connectionCount).toString(36)}`;
  /** The meeting and document, for log lines: ids only. */
  readonly #where: { meeting?: string; document?: string };
  readonly #refused: ((refusal: SyncRefusal) => void) | undefined;
  readonly #bucket: TokenBucket;
  #readyTimer: NodeJS.Timeout | undefined;
  /** Until the client's first sync message (its step 1) arrives [ACCESS26]. */
  #firstStepTimer: NodeJS.Timeout | undefined;
  /** The first presence id this connection announced, if it was not one it writes under. */
  #presenceId: number | undefined;
  /** Frames held while an update waits for its client id's previous connection to close. */
  #held: Uint8Array[] | undefined;
  #probing = false;
  readonly #ws: WebSocket;
  readonly #log: Logger;
  readonly #wantsStoredAcks: boolean;
  readonly #saving: SavingState | undefined;
  #room: Room | undefined;
  #waiting: Uint8Array[] = [];
  #waitingBytes = 0;
  #closed = false;
  /** A refused write waits for what came before it to be stored; nothing more is read meanwhile. */
  #refusing = false;
  #alive = true;
  readonly #awarenessClients = new Set<number>();
  readonly #keepAlive: NodeJS.Timeout;

  constructor(options: {
    ws: WebSocket;
    log: Logger;
    participantId?: string;
    /** The admitted participant's name and role as recorded now [HISTORY1]. */
    author?: () => UpdateAuthor;
    wantsStoredAcks: boolean;
    limits?: SyncLimits;
    presence?: (state: Record<string, unknown>) => Record<string, unknown>;
    authorise?: Authorise | undefined;
    staff?: boolean;
    /** The document's name as asked for, for log lines. */
    documentName?: string;
    /** Told of each refusal of what the client sent, before the close [SYNC25]. */
    refused?: (refusal: SyncRefusal) => void;
    /** Whether the store saves: while it does not, edits are refused [RECORD4]. */
    saving?: SavingState | undefined;
  }) {
    this.#ws = options.ws;
    this.#log = options.log;
    this.participantId = options.participantId;
    this.#author = options.author;
    this.#participant = options.participantId ?? `${anonymousPrefix}${++anonymousConnections}`;
    this.#presence = options.presence;
    this.#authorise = options.authorise;
    this.#staff = options.staff ?? false;
    const documentName = options.documentName;
    this.#where = documentName ? { meeting: documentName.split('.')[0], document: documentName } : {};
    this.#refused = options.refused;
    this.#limits = options.limits ?? defaultSyncLimits;
    this.#bucket = new TokenBucket(this.#limits.messagesPerSecond, this.#limits.messageBurst);
    // A connection whose document never loads is not kept waiting with its queue [SYNC1].
    this.#readyTimer = setTimeout(
      () => this.close(closeCodes.timedOut, 'the document did not load in time'),
      this.#limits.readyWithinMs,
    );
    // Every client opens with its sync step 1; one that sends none does not keep a seat [ACCESS26].
    this.#firstStepTimer = setTimeout(
      () => this.close(closeCodes.timedOut, 'no sync message in time'),
      this.#limits.firstStepWithinMs,
    );
    this.#wantsStoredAcks = options.wantsStoredAcks;
    this.#saving = options.saving;
    this.#ws.binaryType = 'nodebuffer';
    this.#ws.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
    this.#ws.on('close', () => this.#onClosed());
    this.#ws.on('error', (error: Error & { code?: string }) => {
      // ws refuses a frame over maxPayload itself, closing with 1009 [SYNC8]: a refusal too.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
        this.#refused?.({
          code: messageTooBig,
          reason: 'a frame over the size limit',
          kind: 'sync',
          connection: this.id,
        });
      this.#log.debug({ ...this.#where, connection: this.id, error: errorName(error) }, 'sync socket error');
    });
    this.#ws.on('pong', () => {
      this.#alive = true;
      this.#probing = false;
    });
    // Phones drop sleeping connections without a close; a missed pong frees the seat.
    this.#keepAlive = setInterval(() => {
      if (!this.#alive) return this.#ws.terminate();
      this.#alive = false;
      this.#ws.ping();
    }, keepAliveMs);
  }

  get author(): UpdateAuthor | undefined {
    return this.#author?.();
  }

  /** Joins the document; on failure the caller closes with the code it chooses. */
  async join(registry: RoomRegistry, documentName: string): Promise<void> {
    const room = await registry.join(documentName, this);
    if (this.#closed) {
      registry.leave(room, this);
      return;
    }
    clearTimeout(this.#readyTimer);
    this.#room = room;
    this.#leave = () => {
      const ids = [...this.#awarenessClients];
      if (ids.length > 0) awarenessProtocol.removeAwarenessStates(room.awareness, ids, null);
      // Without an admitted identity the connection was the participant: free its ids for its
      // reconnect. An admitted participant keeps them across connections.
      if (this.participantId === undefined) room.owners.release(this.#participant);
      registry.leave(room, this);
    };
    this.send(encodeSyncStep1(room.doc));
    // A client that comes back learns at once which of its edits the store already holds,
    // and whether the server can save its next ones.
    this.stored(room.durableStateVector);
    this.savingChanged(this.#saving?.saving ?? true);
    const present = [...room.awareness.getStates().keys()];
    if (present.length > 0) this.send(encodeAwareness(room.awareness, present));
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const frame of waiting) this.#handle(frame);
  }

  #leave: () => void = () => {};

  send(frame: Uint8Array): void {
    if (this.#closed || this.#ws.readyState !== WebSocket.OPEN) return;
    this.#ws.send(frame, (error) => {
      if (error) this.close(closeCodes.serverError, 'send failed');
    });
  }

  stored(stateVector: Uint8Array): void {
    if (this.#wantsStoredAcks) this.send(encodeStored(stateVector));
  }

  /** Tells a Kinboard screen whether its edits can be saved now [RECORD4]. */
  savingChanged(saving: boolean): void {
    if (this.#wantsStoredAcks && this.#room) this.send(encodeStoreStatus({ saving }));
  }

  pendingExpired(reason: string): void {
    this.#refuse(closeCodes.outOfSync, reason);
  }

  storeFailed(): void {
    this.close(closeCodes.unavailable, 'the store could not keep an edit');
  }

  /**
   * Closes because of what the client sent [SYNC25]: on the record (the `refused` seam) and in
   * the log by meeting, document and connection, never by content.
   */
  #refuse(code: number, reason: string, kind: 'sync' | 'write' = 'sync'): void {
    if (this.#closed) return;
    this.#refused?.({ code, reason, kind, connection: this.id });
    this.close(code, reason);
  }

  /**
   * A board too full for this edit: the close is sent once the edits taken before it are stored,
   * so it tells the sender that everything up to the refused edit is kept [SYNC23].
   */
  #refuseWhenStored(room: Room, code: number, reason: string): void {
    this.#refusing = true;
    const refuse = () => this.#refuse(code, reason);
    void room.settled().then(refuse, refuse);
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#log.info({ ...this.#where, connection: this.id, code, reason }, 'closing sync connection');
    this.#ws.close(code, reason);
    // ws waits 30 s for the peer's own close frame; a peer that never sends one is cut sooner.
    setTimeout(() => this.#ws.terminate(), closeHandshakeMs).unref();
    this.#onClosed();
  }

  #onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#closed || this.#refusing) return;
    if (!isBinary || !Buffer.isBuffer(data)) {
      this.#refuse(closeCodes.badMessage, 'expected a binary frame');
      return;
    }
    if (!this.#bucket.take()) {
      this.#refuse(closeCodes.tooMany, 'too many messages');
      return;
    }
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // Message type 0: a sync message (step 1 comes first from every client; a raw tool may send
    // an update first). A malformed one still closes when it is handled.
    if (this.#firstStepTimer && frame[0] === 0) {
      clearTimeout(this.#firstStepTimer);
      this.#firstStepTimer = undefined;
    }
    if (!this.#room) {
      this.#waitingBytes += frame.byteLength;
      if (
        this.#waiting.length >= this.#limits.framesBeforeReady ||
        this.#waitingBytes > this.#limits.bytesBeforeReady
      ) {
        this.#refuse(closeCodes.tooMany, 'too many messages before the document was ready');
        return;
      }
      this.#waiting.push(frame);
      return;
    }
    if (this.#held) {
      if (this.#held.length >= this.#limits.framesBeforeReady)
        this.#refuse(closeCodes.tooMany, 'too many messages');
      else this.#held.push(frame);
      return;
    }
    this.#handle(frame);
  }

  /** Who this connection writes as (see `#participant`). */
  get participant(): string {
    return this.#participant;
  }

  /** Asks the client to answer a ping soon; a connection that does not is dropped (half-open). */
  probe(): void {
    if (this.#probing || this.#closed) return;
    this.#probing = true;
    this.#ws.ping();
    setTimeout(() => {
      if (this.#probing && !this.#closed) this.#ws.terminate();
    }, takeOverWithinMs / 2).unref();
  }

  /**
   * A connection without an identity writing under an id still held by another such connection:
   * most likely the same client reconnecting before its old socket is seen to close (a phone's
   * old socket can linger half-open). Hold this connection's frames until the old one goes
   * (probed with a ping, dropped if it does not answer), or refuse after `takeOverWithinMs`.
   */
  #holdFor(room: Room, owner: string, frame: Uint8Array, reason: string): void {
    this.#held = [frame];
    const timer = setTimeout(() => {
      cancel();
      this.#refuse(closeCodes.forbidden, reason);
    }, takeOverWithinMs);
    const cancel = room.owners.whenReleased(owner, () => {
      clearTimeout(timer);
      const frames = this.#held ?? [];
      this.#held = undefined;
      // Handling one may hold again (another id, another owner): the rest then wait behind it.
      frames.forEach((held) => (this.#held ? this.#held.push(held) : this.#handle(held)));
    });
    for (const member of room.members)
      if (member instanceof SyncConnection && member.participant === owner) member.probe();
  }

  #handle(frame: Uint8Array): void {
    const room = this.#room;
    if (!room || this.#closed) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      // Bytes refused before they are read (left over, truncated, unknown type) write the same
      // one line as bytes Yjs cannot apply: the error's name and message, never a stack [SYNC25].
      this.#log.warn(
        { ...this.#where, connection: this.id, error: errorName(error) },
        'a message could not be applied',
      );
      this.#refuse(
        closeCodes.badMessage,
        error instanceof MalformedMessage ? 'malformed message' : 'unreadable message',
      );
      return;
    }
    try {
      switch (message.kind) {
        case 'syncStep1':
          // Read now, so a malformed state vector closes with 4400 like any bad frame.
          Y.decodeStateVector(message.stateVector);
          void this.#answerSyncStep1(room, message.stateVector);
          break;
        case 'update':
          this.#applyUpdate(room, message.update, frame);
          break;
        case 'awareness':
          this.#applyAwareness(room, message.update);
          break;
        case 'queryAwareness':
          this.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
          break;
        case 'auth':
          break;
      }
    } catch (error) {
      // The client's bad bytes are its problem, not the server's: a line, never a stack trace.
      this.#log.warn(
        { ...this.#where, connection: this.id, kind: message.kind, error: errorName(error) },
        'a message could not be applied',
      );
      this.#refuse(closeCodes.badMessage, 'message could not be applied');
    }
  }

  #applyUpdate(room: Room, update: Uint8Array, frame: Uint8Array): void {
    // Read the whole update first, once (v1 only: never a v2 decoder on client bytes [SYNC12]).
    // Yjs integrates an update's structs before it reads the delete set, so a truncated delete
    // set would throw only after the document changed, and the half-applied edit would be
    // stored and relayed [SYNC7].
    const decoded = Y.decodeUpdate(update);
    const verdict = inspectUpdate(decoded, {
      doc: room.doc,
      part: room.part,
      owners: room.owners,
      participant: this.#participant,
    });
    if (!verdict.ok) {
      const { owner } = verdict;
      if (owner?.startsWith(anonymousPrefix) && this.participantId === undefined)
        return this.#holdFor(room, owner, frame, verdict.reason);
      return this.#refuse(verdict.code, verdict.reason);
    }
    // Not saving: Kinboard's screens drop the edit and say why (4423); a stock client, which
    // stops on any 44xx, is told to come back later instead, and sends its edit again then [SYNC11].
    const unsaved = this.#saving?.saving === false ? judgeSaving(decoded, room.doc) : undefined;
    if (unsaved && this.#wantsStoredAcks) return this.close(unsaved.code, unsaved.reason);
    if (unsaved) return this.close(closeCodes.unavailable, 'the store cannot save right now');
    const refusal = this.#authorise?.(decoded, room, update);
    if (refusal) return this.#refuse(refusal.code, refusal.reason, 'write');
    const removesOnly = decoded.structs.every((struct) => !(struct instanceof Y.Item));
    const writer = { participant: this.#participant, staff: this.#staff };
    const size = room.fits(update.byteLength, writer, removesOnly);
    if (size === 'boardFull')
      return this.#refuseWhenStored(room, closeCodes.tooLarge, 'the board has reached its size limit');
    if (size === 'participantFull')
      return this.#refuseWhenStored(
        room,
        closeCodes.tooLarge,
        'this participant has reached their share of the board',
      );
    if (!removesOnly && !room.mayWrite(this.#participant, update.byteLength))
      return this.#refuse(closeCodes.tooMany, 'too many edits at once');
    // An admitted participant's ids are theirs for good: stored with the next write [SYNC13].
    room.owners.claim(verdict.clients, this.#participant, { durable: this.participantId !== undefined });
    room.relayToSender = room.pending.waiting;
    try {
      // The room stores it and relays it once durable; `this` marks who sent it.
      Y.applyUpdate(room.doc, update, this);
    } finally {
      room.relayToSender = false;
    }
    room.pending.settle(this, verdict.reaches);
  }

  async #answerSyncStep1(room: Room, stateVector: Uint8Array): Promise<void> {
    if (!(await room.settled()) || this.#closed) return;
    try {
      this.send(encodeSyncStep2(room.doc, stateVector));
    } catch (error) {
      this.#log.warn(
        { ...this.#where, connection: this.id, error: errorName(error) },
        'a sync step 1 could not be answered',
      );
      this.#refuse(closeCodes.badMessage, 'message could not be applied');
    }
  }

  /**
   * Presence only for this connection's own ids [SYNC17]: ids it writes under, or the first one
   * it announces (a stock client announces its document's client id before its first edit).
   * Entries for any other id are dropped, not refused: stock y-websocket clients echo every
   * presence change they receive, other people's included.
   */
  #applyAwareness(room: Room, update: Uint8Array): void {
    const verdict = readPresence(update, this.#limits.awarenessStateBytes);
    if (!verdict.ok) return this.#refuse(verdict.code, verdict.reason);
    const own = verdict.entries.filter(({ client }) => {
      const owner = room.owners.ownerOf(client);
      if (owner === this.#participant) return true;
      if (owner !== undefined || this.#presenceId !== undefined) return false;
      this.#presenceId = client;
      room.owners.claim([client], this.#participant, { durable: this.participantId !== undefined });
      return true;
    });
    if (own.length === 0) return;
    const presence = this.#presence;
    const admitted =
      presence || own.length < verdict.entries.length
        ? encodePresence(
            own.map((entry): PresenceEntry => {
              if (!presence || !entry.state) return entry;
              const state = presence(entry.state);
              return { ...entry, state, json: JSON.stringify(state) };
            }),
          )
        : update;
    const track = ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== this) return;
      for (const id of [...added, ...updated]) this.#awarenessClients.add(id);
    };
    room.awareness.on('update', track);
    try {
      awarenessProtocol.applyAwarenessUpdate(room.awareness, admitted, this);
    } finally {
      room.awareness.off('update', track);
    }
  }

  #onClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepAlive);
    clearTimeout(this.#readyTimer);
    clearTimeout(this.#firstStepTimer);
    this.#waiting = [];
    this.#held = undefined;
    this.#leave();
  }
}
