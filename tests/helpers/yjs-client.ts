import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

/** A stock, unmodified y-websocket client in Node, as any third-party tool would connect. */
export function connectStockClient(
  wsUrl: string,
  documentName: string,
  options: { connect?: boolean } = {},
): StockClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, documentName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
