import type { ClientOwner } from '../store/store.ts';

/** What another server tells this one about a document it has loaded too. */
export type RelayedDocumentMessage =
  | { kind: 'update'; update: Uint8Array; owners: readonly ClientOwner[] }
  /** `owners`: who the presence ids belong to, so no one on another server can take them. */
  | { kind: 'awareness'; update: Uint8Array; owners: readonly ClientOwner[] };

/**
 * Carries a document's stored updates and its presence between the servers that have it loaded
 * (REDIS_URL; `cluster/redis-document-relay.ts`). An update is published only once the store has
 * it, so a server that misses a message (Redis away) catches up by reading the store, which
 * `onGap` asks it to do. Without a relay the server is alone and nothing changes.
 */
export interface DocumentRelay {
  /**
   * Resolves once messages about the document will arrive (the caller loads it after, so nothing
   * stored in between is missed), with the function that stops them.
   */
  subscribe(
    documentName: string,
    listener: (message: RelayedDocumentMessage) => void,
  ): Promise<() => Promise<void>>;
  publish(documentName: string, message: RelayedDocumentMessage): void;
  /** Messages may have been lost (Redis was away): reread every loaded document from the store. */
  onGap(listener: () => void): void;
}
