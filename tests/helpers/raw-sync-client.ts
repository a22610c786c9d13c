import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** The wire format, written here independently of the server's messages.ts. */
export const frames = {
  syncStep1(doc: Y.Doc): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, doc);
    return encoding.toUint8Array(encoder);
  },
  update(update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    return encoding.toUint8Array(encoder);
  },
  /** Any message type with a byte-array body, well formed or not. */
  typed(type: number, ...body: Uint8Array[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    for (const part of body) encoding.writeVarUint8Array(encoder, part);
    return encoding.toUint8Array(encoder);
  },
};

export interface Closed {
  code: number;
  reason: string;
}

/** A bare WebSocket that records every binary frame it receives and how it was closed. */
export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<Closed>;
  send(frame: Uint8Array | string): void;
}

/** `cookie`: the browser's cookies, for a server with sign-in on (a staff session or a guest pass). */
export function openRawSocket(url: string, options: { origin?: string; cookie?: string } = {}): RawSocket {
  const ws = new WebSocket(url, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.cookie ? { headers: { cookie: options.cookie } } : {}),
  });
  const received: Uint8Array[] = [];
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code) => reject(new Error(`closed (${code}) before opening`)));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)),
    );
  });
  opened.catch(() => {});
  const closed = new Promise<Closed>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return {
    ws,
    received,
    opened,
    closed,
    send: (frame) => ws.send(frame, { binary: typeof frame !== 'string' }),
  };
}

/**
 * A minimal Kinboard-style sync client: it connects with `?stored=1`, answers the sync protocol,
 * sends its own edits, and remembers the last `stored` state vector (message type 100), so a test
 * knows exactly which of its edits the server has acknowledged [SYNC2].
 */
export class StoringPeer {
  readonly doc = new Y.Doc();
  readonly socket: RawSocket;
  /** The server's state vector from its latest `stored` message. */
  storedVector = new Map<number, number>();
  synced = false;

  constructor(wsUrl: string, documentName: string) {
    this.socket = openRawSocket(`${wsUrl}/yjs/${documentName}?stored=1`);
    this.socket.opened.then(
      () => this.socket.send(frames.syncStep1(this.doc)),
      () => {},
    );
    this.socket.ws.on('message', (data: Buffer) => this.#onMessage(new Uint8Array(data)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.socket.ws.readyState === WebSocket.OPEN)
        this.socket.send(frames.update(update));
    });
  }

  #onMessage(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(encoder) > 1) this.socket.send(encoding.toUint8Array(encoder));
    } else if (type === 100) {
      this.storedVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    }
  }

  /** Whether every edit this peer has made so far is acknowledged as stored. */
  allStored(): boolean {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    return clock === 0 || (this.storedVector.get(this.doc.clientID) ?? 0) >= clock;
  }

  /** This peer's own clock: an edit made before it is acknowledged once storedVector reaches it. */
  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  get storedClock(): number {
    return this.storedVector.get(this.doc.clientID) ?? 0;
  }

  close(): void {
    this.socket.ws.close();
    this.doc.destroy();
  }
}
