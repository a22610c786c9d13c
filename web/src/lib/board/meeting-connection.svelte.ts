import {
  refusedEditReasonSchema,
  shouldRetry,
  startsAfresh,
  storeStatusMessageType,
  storeStatusSchema,
  type RefusedEditReason,
} from '@kinboard/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The server's own message: [varUint 100][varUint8Array state vector] once our edits are stored. */
const storedMessage = 100;
const syncMessage = 0;
const awarenessMessage = 1;

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'stopped';

/** An edit the server refused [SYNC22]: why (`other` for a reason this screen does not know), and when. */
export interface RefusedEdit {
  reason: RefusedEditReason | 'other';
  at: number;
}

function ownClock(doc: Y.Doc, stateVector: Map<number, number>): number {
  return stateVector.get(doc.clientID) ?? 0;
}

/**
 * One document's live connection, as reactive state for the interface: whether we are connected,
 * whether this screen's own edits are stored on the server yet, and why the server stopped us.
 *
 * When the server refuses one of this screen's edits because of a state that changes (the plan
 * locked for agreement, a locked column, a card that is not this person's: 4423 [SYNC22]), the
 * refused edit is only in this screen's copy of the document, which can never agree with the
 * server again. The connection then starts afresh: a new, empty Y.Doc syncs from the server and,
 * once it has, replaces the old one (`doc`, and `onFreshDoc` for whoever built on it). Every edit
 * of this document the server had not stored is dropped with it, and `refused` says so.
 */
export class MeetingConnection {
  status: ConnectionStatus = $state('connecting');
  /** True while this screen has edits the server has not confirmed it stored. */
  unsaved = $state(false);
  /** The close code that stopped the connection for good, when it did. */
  stoppedCode: number | undefined = $state();
  /** Why the server last refused an edit of this screen, until the person dismisses it. */
  refused: RefusedEdit | undefined = $state();
  /** False while the server says it cannot save changes: the board is for reading [RECORD4]. */
  saving = $state(true);

  #doc: Y.Doc | undefined = $state.raw();
  readonly awareness: awarenessProtocol.Awareness;
  #provider: WebsocketProvider;
  /** Our own clock the server has confirmed stored. */
  #storedClock = 0;
  /** Closes since the last successful sync: the first attempt is "connecting", the rest are offline. */
  #failures = 0;
  readonly #cleanups: (() => void)[] = [];
  // A plain Set: nothing renders from who listens.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #freshDocListeners = new Set<(doc: Y.Doc) => void>();
  readonly #open: (doc: Y.Doc) => WebsocketProvider;

  constructor(
    doc: Y.Doc,
    serverUrl: string,
    documentName: string,
    options: { presence?: boolean; screen?: string } = {},
  ) {
    this.#doc = doc;
    // One presence for the screen, whichever copy of the document it shows: it outlives a fresh
    // start (it keeps the first document's client id, which the server already knows as ours).
    const awareness = new awarenessProtocol.Awareness(doc);
    this.awareness = awareness;
    this.#open = (forDoc) => this.#connect(forDoc, serverUrl, documentName, options.screen);
    this.#provider = this.#open(doc);

    // Stock y-websocket sends every presence change back to the server, including the ones it
    // has just received from it; the server refuses presence for anyone else's client id and
    // closes with 4403 [SYNC17]. Send only this screen's own presence.
    const sendOwnPresence = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const own = [...changes.added, ...changes.updated, ...changes.removed].filter(
        (client) => client === awareness.clientID,
      );
      const provider = this.#provider;
      if (own.length === 0 || !provider.wsconnected || !provider.ws) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, awarenessMessage);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own));
      provider.ws.send(encoding.toUint8Array(encoder));
    };
    awareness.on('update', sendOwnPresence);
    this.#cleanups.push(() => awareness.off('update', sendOwnPresence));
    if (!options.presence) awareness.setLocalState(null);

    // Phones kill sleeping sockets without telling anyone: coming back, reconnect at once.
    const reconnectNow = () => {
      if (document.visibilityState === 'visible') this.reconnectNow();
    };
    document.addEventListener('visibilitychange', reconnectNow);
    window.addEventListener('online', reconnectNow);
    this.#cleanups.push(() => {
      document.removeEventListener('visibilitychange', reconnectNow);
      window.removeEventListener('online', reconnectNow);
    });

    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      if (!this.unsaved) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warnIfUnsaved);
    this.#cleanups.push(() => window.removeEventListener('beforeunload', warnIfUnsaved));

    this.#provider.connect();
  }

  /** The document as the server has it: a new object after starting afresh (reactive). */
  get doc(): Y.Doc {
    return this.#doc!;
  }

  /** Calls `listener` with the new document each time this connection starts afresh. */
  onFreshDoc(listener: (doc: Y.Doc) => void): () => void {
    this.#freshDocListeners.add(listener);
    return () => this.#freshDocListeners.delete(listener);
  }

  /** The person has read why their edit was refused. */
  dismissRefused(): void {
    this.refused = undefined;
  }

  /** A provider for `doc`, not yet connected; its events count only while it is the current one. */
  #connect(
    doc: Y.Doc,
    serverUrl: string,
    documentName: string,
    screen: string | undefined,
  ): WebsocketProvider {
    const provider = new WebsocketProvider(serverUrl, documentName, doc, {
      connect: false,
      awareness: this.awareness,
      // `screen` tells the server which screen this is: a staff projector is read-only.
      params: screen ? { stored: '1', screen } : { stored: '1' },
      // One tab, one connection: "saved" then means the server has it, not a sibling tab.
      disableBc: true,
      // A refused edit never reconnects with the same document: it would be refused again.
      shouldReconnect: (event) => !startsAfresh(event.code) && shouldRetry(event.code),
    });
    // Presence is sent by the connection itself (see the constructor).
    this.awareness.off('update', provider._awarenessUpdateHandler);
    const current = () => provider === this.#provider;

    provider.messageHandlers[storedMessage] = (_encoder, decoder) => {
      const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      if (current() && doc === this.doc) this.#confirmStored(stateVector);
    };
    provider.messageHandlers[storeStatusMessageType] = (_encoder, decoder) => {
      let status: unknown;
      try {
        status = JSON.parse(decoding.readVarString(decoder));
      } catch {
        return;
      }
      const parsed = storeStatusSchema.safeParse(status);
      if (parsed.success && current()) this.saving = parsed.data.saving;
    };
    // The server's sync step 1 on (re)connect carries its state vector: edits stored before a
    // restart, whose acknowledgement was lost with the old socket, count as saved from here.
    const handleSync = provider.messageHandlers[syncMessage]!;
    provider.messageHandlers[syncMessage] = (encoder, decoder, p, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1 && current() && doc === this.doc) {
        this.#confirmStored(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
      handleSync(encoder, decoder, p, emitSynced, type);
    };

    provider.on('sync', (synced: boolean) => {
      if (!synced || !current()) return;
      this.#failures = 0;
      if (doc !== this.doc) this.#replaceDoc(doc);
      this.status = 'connected';
    });
    provider.on('connection-close', () => {
      if (!current()) return;
      this.#failures++;
      if (this.status !== 'stopped') this.status = 'offline';
    });
    provider.on('status', ({ status }: { status: string }) => {
      if (!current()) return;
      if (status === 'connecting' && this.#failures === 0 && this.status !== 'stopped')
        this.status = 'connecting';
    });
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      if (!current()) return;
      if (startsAfresh(code)) return this.#startAfresh(reason);
      this.stoppedCode = code;
      this.status = 'stopped';
      provider.disconnect();
    });

    const onUpdate = () => {
      if (doc === this.doc) this.#refreshUnsaved();
    };
    doc.on('update', onUpdate);
    this.#cleanups.push(() => doc.off('update', onUpdate));
    return provider;
  }

  /**
   * The server refused one of our edits [SYNC22]: a new, empty document syncs from the server;
   * the old one stays on screen until it has (edits made meanwhile are dropped with it).
   */
  #startAfresh(reason: string): void {
    const parsed = refusedEditReasonSchema.safeParse(reason);
    this.refused = { reason: parsed.success ? parsed.data : 'other', at: Date.now() };
    this.status = 'connecting';
    this.#failures = 0;
    const old = this.#provider;
    this.#provider = this.#open(new Y.Doc());
    old.destroy();
    this.#provider.connect();
  }

  #replaceDoc(doc: Y.Doc): void {
    this.#doc = doc;
    this.#storedClock = 0;
    this.#refreshUnsaved();
    for (const listener of this.#freshDocListeners) listener(doc);
  }

  /** Skips the back-off wait. Does nothing once the server has stopped us for good. */
  reconnectNow(): void {
    const provider = this.#provider;
    if (this.status === 'stopped' || provider.wsconnected) return;
    if (provider.ws === null) provider.connect();
  }

  #confirmStored(stateVector: Map<number, number>): void {
    this.#storedClock = Math.max(this.#storedClock, ownClock(this.doc, stateVector));
    this.#refreshUnsaved();
  }

  #refreshUnsaved(): void {
    this.unsaved = ownClock(this.doc, Y.decodeStateVector(Y.encodeStateVector(this.doc))) > this.#storedClock;
  }

  destroy(): void {
    for (const cleanup of this.#cleanups) cleanup();
    this.#provider.destroy();
    this.awareness.destroy();
    this.#freshDocListeners.clear();
  }
}
