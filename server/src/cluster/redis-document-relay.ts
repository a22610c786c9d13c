import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as z from 'zod/mini';
import type { Logger } from '../log.ts';
import type { DocumentRelay, RelayedDocumentMessage } from '../sync/document-relay.ts';
import type { Cluster } from './cluster.ts';

const updateKind = 0;
const awarenessKind = 1;

const ownersSchema = z.array(
  z.object({
    client: z.int().check(z.nonnegative()),
    participant: z.string().check(z.minLength(1), z.maxLength(200)),
    firstSeen: z.number(),
  }),
);

/** The channel of one document: every server with it loaded listens. */
export const documentChannel = (documentName: string) => `kinboard:document:${documentName}`;

/**
 * The document relay over Redis pub/sub. A message is `[origin server id][kind][bytes]` (lib0
 * encoding, as the sync protocol itself); owners ride as JSON, read back through a schema.
 */
export class RedisDocumentRelay implements DocumentRelay {
  readonly #cluster: Cluster;
  readonly #log: Logger;

  constructor(cluster: Cluster, log: Logger) {
    this.#cluster = cluster;
    this.#log = log;
  }

  async subscribe(
    documentName: string,
    listener: (message: RelayedDocumentMessage) => void,
  ): Promise<() => Promise<void>> {
    const onMessage = (raw: Buffer) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
        if (decoding.readVarString(decoder) === this.#cluster.serverId) return;
        const kind = decoding.readVarUint(decoder);
        const update = decoding.readVarUint8Array(decoder);
        const owners = ownersSchema.parse(JSON.parse(decoding.readVarString(decoder)));
        if (kind === updateKind) listener({ kind: 'update', update, owners });
        else if (kind === awarenessKind) listener({ kind: 'awareness', update, owners });
      } catch (error) {
        this.#log.warn({ err: error, document: documentName }, 'an unreadable cluster message was ignored');
      }
    };
    const channel = documentChannel(documentName);
    await this.#cluster.subscribe(channel, onMessage);
    return () => this.#cluster.unsubscribe(channel, onMessage);
  }

  publish(documentName: string, message: RelayedDocumentMessage): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.#cluster.serverId);
    encoding.writeVarUint(encoder, message.kind === 'update' ? updateKind : awarenessKind);
    encoding.writeVarUint8Array(encoder, message.update);
    encoding.writeVarString(encoder, JSON.stringify(message.owners));
    this.#cluster.publish(documentChannel(documentName), Buffer.from(encoding.toUint8Array(encoder)));
  }

  onGap(listener: () => void): void {
    this.#cluster.on('reconnected', listener);
  }
}
