import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeCodes, parseDocumentName, type ColumnId } from '@kinboard/shared';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import type { Access } from '../access/access.ts';
import type { Logger } from '../log.ts';
import type { Meeting, Store, UpdateAuthor } from '../store/store.ts';
import type { MetricsFeed } from '../ops/metrics.ts';
import { SyncConnection } from './connection.ts';
import { encodeIntegratedState } from './messages.ts';
import type { Room, RoomMember } from './room.ts';
import { RoomRegistry } from './room-registry.ts';
import { SyncAccess, type Admission } from './sync-access.ts';
import type { SyncLimits } from './sync-limits.ts';
import type { DocumentRelay } from './document-relay.ts';
import type { DecodedUpdate } from './update-guard.ts';
import { SavingState } from './saving-state.ts';
import { UpdateWriter } from './update-writer.ts';
import { judgeLocks, judgePlanLock } from './write-permission.ts';

export interface SyncServerOptions {
  store: Store;
  log: Logger;
  maxMessageBytes: number;
  unloadDelayMs: number;
  compactAfterUpdates: number;
  maxDocumentBytes: number;
  /** Overrides of the per-connection limits (tests); the defaults are in sync-limits.ts. */
  limits?: SyncLimits;
  /**
   * Who gets in [ACCESS13]. Without it (REQUIRE_SIGN_IN=false, loopback only [ACCESS18]) every
   * well-named document of a running meeting is served to anyone.
   */
  access?: Access | undefined;
  /**
   * The columns the chair has locked in a meeting (its live state) [ACCESS20], read at each
   * update, so synchronously: `loadMeeting` is awaited before any connection of the meeting joins
   * its document, so that after a restart the locks hold from the first update.
   */
  lockedColumns?: ((meetingId: string) => readonly ColumnId[]) | undefined;
  loadMeeting?: ((meetingId: string) => Promise<void>) | undefined;
  /** Each meeting's plan stage: while agreeing or agreed its content takes no edits [PLAN3]. */
  planStages?: PlanLockSource | undefined;
  /** Several servers (REDIS_URL): what each stores reaches the others' copies of the document. */
  relay?: DocumentRelay | undefined;
  /** While the store cannot save, how often to try a small write [RECORD5]. */
  storeRetryMs: number;
  /** The operator's figures (METRICS_TOKEN or METRICS_PORT) [OPS1]; absent when they are off. */
  metrics?: MetricsFeed | undefined;
}

/** Close codes a client sends on its own leaving (or that mean the link dropped): not refusals. */
const clientCloseCodes = new Set([1000, 1001, 1005, 1006]);

export interface PlanLockSource {
  load(meetingId: string): Promise<unknown>;
  isLocked(meetingId: string): boolean;
}

/**
 * The `/yjs/<document>` endpoint. Stock y-websocket clients connect unmodified; Kinboard's own
 * client adds `?stored=1` to be told when its edits are durable.
 */
export class SyncServer {
  readonly #wss: WebSocketServer;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #writer: UpdateWriter;
  readonly #registry: RoomRegistry;
  /** Each open connection's meeting and writer (its role, which the chair may change). */
  readonly #connections = new Map<
    SyncConnection,
    { meetingId: string | undefined; writer?: { role: string } }
  >();
  readonly #metrics: MetricsFeed | undefined;
  readonly #limits: SyncLimits | undefined;
  readonly #access: SyncAccess | undefined;
  readonly #lockedColumns: ((meetingId: string) => readonly ColumnId[]) | undefined;
  readonly #loadMeeting: ((meetingId: string) => Promise<void>) | undefined;
  readonly #meetingReads = new Map<string, Promise<Meeting | undefined>>();
  readonly #planStages: PlanLockSource | undefined;
  readonly #relay: DocumentRelay | undefined;
  /** Whether the store saves; every screen is told when that changes [RECORD4]. */
  readonly saving: SavingState;
  #closing = false;

  constructor(options: SyncServerOptions) {
    this.#store = options.store;
    this.#log = options.log;
    this.#limits = options.limits;
    this.#lockedColumns = options.lockedColumns;
    this.#loadMeeting = options.loadMeeting;
    this.#planStages = options.planStages;
    this.#relay = options.relay;
    this.#metrics = options.metrics;
    const planLocked = options.planStages && ((meetingId: string) => options.planStages!.isLocked(meetingId));
    this.#access =
      options.access && new SyncAccess(options.access, options.log, options.lockedColumns, planLocked);
    // Frames over the limit are refused by ws itself with close code 1009 [SYNC8].
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.saving = new SavingState(options.store, options.log, options.storeRetryMs);
    this.saving.onChange((saving) => {
      for (const connection of this.#connections.keys()) connection.savingChanged(saving);
    });
    this.#writer = new UpdateWriter(options.store, this.saving, options.metrics);
    this.#registry = new RoomRegistry({
      store: options.store,
      writer: this.#writer,
      log: options.log,
      unloadDelayMs: options.unloadDelayMs,
      compactAfterUpdates: options.compactAfterUpdates,
      maxDocumentBytes: options.maxDocumentBytes,
      limits: options.limits,
      relay: options.relay,
    });
  }

  /** True while the store refuses writes (disk full, database down); /healthz says so. */
  get storeFailing(): boolean {
    return !this.saving.saving;
  }

  get loadedDocuments(): number {
    return this.#registry.size;
  }

  /** Drops the meetings' loaded documents unsaved: their family is being erased [ERASE5]. */
  discardMeetings(meetingIds: readonly string[]): Promise<void> {
    return this.#registry.discardMeetings(meetingIds);
  }

  /** The open connections' meetings and role kinds, for the operator's figures [OPS1]. */
  *counted(): Iterable<{ meetingId: string | undefined; role: string }> {
    for (const { meetingId, writer } of this.#connections.values())
      yield { meetingId, role: writer?.role ?? 'none' };
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    void this.#upgrade(request, socket, head, url);
  }

  /**
   * Who is asking is decided from the upgrade request's cookies before the connection is made,
   * because the participant a connection writes as is fixed when it is made [ACCESS13]. A refusal
   * still completes the upgrade, so the client learns the close code.
   */
  async #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const rawName = decodeName(url.pathname.slice('/yjs/'.length));
    const name = parseDocumentName(rawName);
    let admission: Admission | undefined;
    if (this.#access && name) {
      // Node leaves an upgraded socket without an error listener; one reset while we wait must
      // not take the process down.
      const onError = () => socket.destroy();
      socket.on('error', onError);
      admission = await this.#access.admit(request.headers, name, url.searchParams.get('screen'));
      socket.off('error', onError);
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const admitted = admission?.kind === 'admitted' ? admission : undefined;
      // Without access nobody has a staff identity: column locks bind every connection [ACCESS20].
      const locked = this.#lockedColumns;
      const plan = this.#planStages;
      const authorise =
        admitted?.authorise ??
        (!this.#access && name && (locked || plan)
          ? (decoded: DecodedUpdate, room: Room, update: Uint8Array) =>
              (plan?.isLocked(name.meetingId)
                ? judgePlanLock(decoded, room.doc, room.part, update)
                : undefined) ?? judgeLocks(decoded, room.doc, room.part, locked?.(name.meetingId) ?? [])
          : undefined);
      const connection = new SyncConnection({
        ws,
        log: this.#log,
        wantsStoredAcks: url.searchParams.get('stored') === '1',
        limits: this.#limits,
        participantId: admitted?.writer.participant,
        staff: admitted?.staffId !== undefined,
        documentName: rawName,
        // Refusals of an admitted person's connection go on the family's record [SYNC25].
        refused: admitted && ((refusal) => this.#access?.refused(admitted, refusal)),
        author: admitted && (() => ({ name: admitted.name, role: admitted.writer.role })),
        authorise,
        // Who others see is who was let in, whatever the client claims [ACCESS19].
        presence: admitted?.presence,
        saving: this.saving,
      });
      this.#connections.set(connection, {
        meetingId: name?.meetingId,
        ...(admitted ? { writer: admitted.writer } : {}),
      });
      if (admitted) this.#access?.track(connection, admitted);
      ws.once('close', (code) => {
        if (!clientCloseCodes.has(code))
          this.#metrics?.refusals.inc({ transport: 'sync', code: String(code) });
        this.#connections.delete(connection);
        this.#access?.closed(connection, admitted);
      });
      void this.#open(connection, rawName, admission);
    });
  }

  /**
   * The meeting a connection opens, read once for every connection that asks while the read is
   * under way: after a restart, each meeting's screens reconnect together [SYNC32]. A read
   * shared this way began at most a moment before the later connection asked, as if it had
   * come a moment sooner (a meeting that closes meanwhile is the race every connection has
   * between this read and its join, which the access layer's close of admitted connections covers).
   */
  #meeting(meetingId: string): Promise<Meeting | undefined> {
    let reading = this.#meetingReads.get(meetingId);
    if (!reading) {
      reading = this.#store.getMeeting(meetingId);
      this.#meetingReads.set(meetingId, reading);
      const done = () => this.#meetingReads.delete(meetingId);
      reading.then(done, done);
    }
    return reading;
  }

  async #open(connection: SyncConnection, rawName: string, admission: Admission | undefined): Promise<void> {
    if (this.#closing) return connection.close(closeCodes.unavailable, 'the server is restarting');
    const name = parseDocumentName(rawName);
    if (!name) return connection.close(closeCodes.unknownDocument, 'no such document');
    // With access on, nobody gets further without being let in to this meeting [ACCESS13].
    if (this.#access && admission?.kind !== 'admitted') {
      if (admission?.kind === 'refused') return connection.close(admission.closeCode, admission.reason);
      return connection.close(closeCodes.unavailable, 'could not check who you are');
    }
    try {
      const meeting = await this.#meeting(name.meetingId);
      if (!meeting) return connection.close(closeCodes.unknownDocument, 'no such document');
      if (meeting.state === 'closed')
        return connection.close(closeCodes.meetingClosed, 'the meeting has closed');
      // The lock must be known before the connection's first edit can arrive [PLAN3].
      await this.#planStages?.load(name.meetingId);
      if (admission?.kind === 'admitted') {
        const refusal = await this.#access!.opened(admission, meeting);
        if (refusal) return connection.close(refusal.closeCode, refusal.reason);
      }
      // The meeting's locks are in memory before any of its updates is judged [ACCESS20].
      await this.#loadMeeting?.(name.meetingId);
      await connection.join(this.#registry, rawName);
    } catch (error) {
      this.#log.error({ err: error, document: rawName }, 'could not open a document');
      connection.close(closeCodes.unavailable, 'the document could not be loaded');
    }
  }

  /**
   * The server's own edit to a document (the chair confirming an offer [PLAN5]): applied to the
   * loaded document like a connection's, so it is stored before it is relayed, stamped with
   * `participant` as its origin and `author` in the history [HISTORY1]; resolves once it is stored.
   */
  async changeDocument(
    documentName: string,
    participant: string,
    author: UpdateAuthor | undefined,
    edit: (doc: Y.Doc) => void,
  ): Promise<void> {
    await this.#withRoom(
      documentName,
      participant,
      async (room, member) => {
        Y.transact(room.doc, () => edit(room.doc), member);
        await room.settled();
      },
      author,
    );
  }

  /** The document's exact state once every write in flight is stored (Y.encodeStateAsUpdate). */
  async snapshotDocument(documentName: string): Promise<Uint8Array> {
    let snapshot: Uint8Array = new Uint8Array();
    await this.#withRoom(documentName, undefined, async (room) => {
      // Other servers write it too: what they stored and Redis may not have brought yet counts.
      if (this.#relay) {
        const [stored, owners] = await Promise.all([
          this.#store.loadDocument(documentName),
          this.#store.loadClientOwners(documentName),
        ]);
        room.catchUp(stored, owners);
      }
      await room.settled();
      snapshot = encodeIntegratedState(room.doc);
    });
    return snapshot;
  }

  /** Reads the loaded document (loading it if needed). */
  async readDocument<T>(documentName: string, read: (doc: Y.Doc) => T): Promise<T> {
    let result: T | undefined;
    await this.#withRoom(documentName, undefined, async (room) => {
      result = read(room.doc);
    });
    return result as T;
  }

  async #withRoom(
    documentName: string,
    participant: string | undefined,
    work: (room: Room, member: RoomMember) => Promise<void>,
    author?: UpdateAuthor,
  ): Promise<void> {
    const member: RoomMember = {
      participantId: participant,
      author,
      send() {},
      stored() {},
      storeFailed() {},
    };
    const room = await this.#registry.join(documentName, member);
    try {
      await work(room, member);
    } finally {
      this.#registry.leave(room, member);
    }
  }

  /** Closes every connection (they reconnect elsewhere or after restart) and stores everything. */
  async close(): Promise<void> {
    this.#closing = true;
    // Writes in flight finish first, so their senders get their `stored` before the close.
    await this.#writer.idle();
    for (const connection of this.#connections.keys()) connection.close(1012, 'the server is restarting');
    await this.#writer.idle();
    await this.#registry.unloadAll();
    this.saving.close();
    this.#wss.close();
  }
}

/**
 * The document name from the path. A bad percent-encoding becomes an empty (unknown) name
 * [SYNC4]: throwing here, inside the upgrade callback, would take the whole process down.
 */
function decodeName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}
