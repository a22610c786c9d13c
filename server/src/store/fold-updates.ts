import * as Y from 'yjs';

/**
 * One update holding exactly what `updates` hold. Applied to a fresh document and re-encoded
 * when they are complete, so deleted content is garbage-collected as a single server's snapshot
 * is; merged as they are (Y.mergeUpdates) if some depend on an update that is not among them.
 */
export function foldUpdates(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    const incomplete = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    return incomplete ? Y.mergeUpdates([...updates]) : Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
