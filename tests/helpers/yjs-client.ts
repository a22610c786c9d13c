import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

/** A `ws` WebSocket that sends the cookies a browser would hold for the server. */
function withCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;
}

/**
 * A stock, unmodified y-websocket client in Node, as any third-party tool would connect;
 * `cookie` is sent with the upgrade as a browser sends its session or guest pass, `params` are
 * added to the URL (`{ screen: 'projector' }`).
 */
export function connectStockClient(
  wsUrl: string,
  documentName: string,
  options: { connect?: boolean; cookie?: string; params?: Record<string, string> } = {},
): StockClient {
  const doc = new Y.Doc();
  const polyfill = options.cookie ? withCookie(options.cookie) : WebSocket;
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, documentName, doc, {
    WebSocketPolyfill: polyfill as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    params: options.params ?? {},
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
