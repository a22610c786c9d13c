import { shouldRetry } from '@kinboard/shared';
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

function ownClock(doc: Y.Doc, stateVector: Map<number, number>): number {
  return stateVector.get(doc.clientID) ?? 0;
}

/**
 * One document's live connection, as reactive state for the interface: whether we are connected,
 * whether this screen's own edits are stored on the server yet, and why the server stopped us.
 */
export class MeetingConnection {
  status: ConnectionStatus = $state('connecting');
  /** True while this screen has edits the server has not confirmed it stored. */
  unsaved = $state(false);
  /** The close code that stopped the connection for good, when it did. */
  stoppedCode: number | undefined = $state();

  readonly doc: Y.Doc;
  readonly #provider: WebsocketProvider;
  /** Our own clock the server has confirmed stored. */
  #storedClock = 0;
  /** Closes since the last successful sync: the first attempt is "connecting", the rest are offline. */
  #failures = 0;
  readonly #cleanups: (() => void)[] = [];

  constructor(
    doc: Y.Doc,
    serverUrl: string,
    documentName: string,
    options: { presence?: boolean; screen?: string } = {},
  ) {
    this.doc = doc;
    const provider = new WebsocketProvider(serverUrl, documentName, doc, {
      connect: false,
      // `screen` tells the server which screen this is: a staff projector is read-only.
      params: options.screen ? { stored: '1', screen: options.screen } : { stored: '1' },
      // One tab, one connection: "saved" then means the server has it, not a sibling tab.
      disableBc: true,
      shouldReconnect: (event) => shouldRetry(event.code),
    });
    this.#provider = provider;

    provider.messageHandlers[storedMessage] = (_encoder, decoder) => {
      this.#confirmStored(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    };
    // The server's sync step 1 on (re)connect carries its state vector: edits stored before a
    // restart, whose acknowledgement was lost with the old socket, count as saved from here.
    const handleSync = provider.messageHandlers[syncMessage]!;
    provider.messageHandlers[syncMessage] = (encoder, decoder, p, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
        this.#confirmStored(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
      handleSync(encoder, decoder, p, emitSynced, type);
    };

    // Stock y-websocket sends every presence change back to the server, including the ones it
    // has just received from it; the server refuses presence for anyone else's client id and
    // closes with 4403 [SYNC17]. Send only this screen's own presence.
    const awareness = provider.awareness;
    awareness.off('update', provider._awarenessUpdateHandler);
    const sendOwnPresence = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const own = [...changes.added, ...changes.updated, ...changes.removed].filter(
        (client) => client === awareness.clientID,
      );
      if (own.length === 0 || !provider.wsconnected || !provider.ws) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, awarenessMessage);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own));
      provider.ws.send(encoding.toUint8Array(encoder));
    };
    awareness.on('update', sendOwnPresence);
    this.#cleanups.push(() => awareness.off('update', sendOwnPresence));
    if (!options.presence) awareness.setLocalState(null);

    const onSync = (synced: boolean) => {
      if (!synced) return;
      this.#failures = 0;
      this.status = 'connected';
    };
    const onClose = () => {
      this.#failures++;
      if (this.status !== 'stopped') this.status = 'offline';
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connecting' && this.#failures === 0 && this.status !== 'stopped')
        this.status = 'connecting';
    };
    const onClosed = ({ code }: { code: number }) => {
      this.stoppedCode = code;
      this.status = 'stopped';
      provider.disconnect();
    };
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('status', onStatus);
    provider.on('closed', onClosed);

    const onUpdate = () => this.#refreshUnsaved();
    doc.on('update', onUpdate);
    this.#cleanups.push(() => doc.off('update', onUpdate));

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

    provider.connect();
  }

  /** Presence travels with the document's connection (y-websocket's awareness messages). */
  get awareness(): awarenessProtocol.Awareness {
    return this.#provider.awareness;
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
  }
}
