import * as z from 'zod/mini';

/**
 * Whether the server can save changes right now [RECORD4]: a message of Kinboard's own on the
 * sync connection, `[varUint 101][varString JSON]`, sent only to clients that asked for `stored`
 * acknowledgements (`?stored=1`; a stock y-websocket client would log an unknown type). The
 * server sends it when a screen joins a document and whenever saving stops or starts again.
 * While `saving` is false the board is for reading: edits are refused (`notSaving`, 4423).
 */
export const storeStatusMessageType = 101;

export const storeStatusSchema = z.object({ saving: z.boolean() });
export type StoreStatus = z.infer<typeof storeStatusSchema>;
