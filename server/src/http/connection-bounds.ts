/**
 * How long and how big a connection may be before it is authorised [ACCESS26]: a few seconds at
 * each layer, so phones on a venue's Wi-Fi cannot tie up the one laptop with connections that
 * never finish. The sync endpoint's own bound (the first sync step) is in sync-limits.ts.
 */
export const connectionBounds = {
  /** The request line and every header, an upgrade request's included; an idle TCP socket too. */
  headersMs: 5_000,
  /** A whole request with its body (an image upload from a slow phone fits). */
  requestMs: 30_000,
  /** Node checks the two above this often (its default is 30 s, which would stretch them). */
  checkEveryMs: 1_000,
  /** All the headers of one request together (Node's default, stated). */
  maxHeaderBytes: 16 * 1024,
  /** An engine.io socket must send socket.io's CONNECT within this; its credentials are checked then. */
  socketIoConnectMs: 5_000,
} as const;
