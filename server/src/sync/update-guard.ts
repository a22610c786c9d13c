import { boardNestingDepth, checkStructRoots, closeCodes, type DocumentPart } from '@kinboard/shared';
import * as Y from 'yjs';
import type { ClientOwners } from './client-owners.ts';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type Struct = DecodedUpdate['structs'][number];

export type UpdateVerdict =
  | { ok: true; clients: number[]; reaches: Map<number, number> }
  | { ok: false; code: number; reason: string; owner?: string };

/**
 * The deepest shared type an update may create [SYNC12]: the board's own depth plus one level, so
 * a board written by a newer schema that adds a level still syncs while servers are upgraded.
 */
export const maxTypeDepth = boardNestingDepth + 1;

/** The shared types the board is made of; XML types and subdocuments never are. */
const boardTypes = new Set<unknown>([Y.Map, Y.Array, Y.Text]);

const refuse = (code: number, reason: string): UpdateVerdict => ({ ok: false, code, reason });

/**
 * Judges a decoded client update before any of it reaches the document: whose client ids it
 * writes under [SYNC13], which roots it touches and how deep it nests types [SYNC12], and
 * whether it deletes another participant's edits that do not exist yet [SYNC14]. The common
 * update (typing into a card) is one client's run of text items: one pass over its structs.
 */
export function inspectUpdate(
  { structs, ds }: DecodedUpdate,
  context: { doc: Y.Doc; part: DocumentPart; owners: ClientOwners; participant: string },
): UpdateVerdict {
  const { doc, owners, participant } = context;
  const clients: number[] = [];
  /** Per client in the update: the first clock it writes and the clock after its last struct. */
  const spans = new Map<number, { first: number; end: number }>();
  let createsTypes = false;
  for (const struct of structs) {
    // Yjs's own encoders throw on empty runs, mid-transaction: refuse them before they get there.
    if (!(struct.length >= 1)) return refuse(closeCodes.badMessage, 'an empty struct');
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const span = spans.get(client);
    if (span) span.end = Math.max(span.end, clock + struct.length);
    else {
      spans.set(client, { first: clock, end: clock + struct.length });
      clients.push(client);
    }
    if (
      struct instanceof Y.Item &&
      (struct.content instanceof Y.ContentType || struct.content instanceof Y.ContentDoc)
    )
      createsTypes = true;
  }
  const foreign = owners.foreign(clients, participant);
  if (foreign !== undefined)
    return {
      ok: false,
      code: closeCodes.forbidden,
      reason: 'edits under another participant’s client id',
      owner: owners.ownerOf(foreign),
    };
  if (checkStructRoots(structs, context.part).length > 0)
    return refuse(closeCodes.badMessage, 'a root the board does not have');
  if (createsTypes) {
    const problem = checkNesting(structs, doc);
    if (problem) return refuse(closeCodes.badMessage, problem);
  }
  /** How far the update reaches per client: once applied, a client still short of it is pending. */
  const reaches = new Map<number, number>();
  for (const [client, span] of spans) reaches.set(client, span.end);
  for (const [client, deletes] of ds.clients) {
    let end = 0;
    for (const { clock, len } of deletes) {
      if (!(len >= 1) || !Number.isSafeInteger(clock + len))
        return refuse(closeCodes.badMessage, 'an empty or endless delete range');
      end = Math.max(end, clock + len);
    }
    reaches.set(client, Math.max(end, reaches.get(client) ?? 0));
    if (owners.ownerOf(client) === participant || spans.has(client)) continue;
    if (end > Y.getState(doc.store, client))
      return refuse(closeCodes.forbidden, 'deletes another participant’s edits before they exist');
  }
  return { ok: true, clients, reaches };
}

/**
 * Finds a type the update creates that the board cannot hold: not a map, array or text, or
 * deeper than maxTypeDepth, or placed where its depth cannot be known (its parent is neither in
 * the update nor in the document: it could never be checked once the parent arrived).
 */
function checkNesting(structs: Struct[], doc: Y.Doc): string | undefined {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  const inUpdate = (id: Y.ID): Y.Item | Y.GC | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct as Y.Item | Y.GC;
    }
    return undefined;
  };
  const inDoc = (id: Y.ID): Y.Item | Y.GC | undefined =>
    id.clock < Y.getState(doc.store, id.client) ? (Y.getItem(doc.store, id) as Y.Item | Y.GC) : undefined;
  const depthOfType = (type: Y.AbstractType<unknown>): number => {
    let depth = 1;
    for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) depth++;
    return depth;
  };
  const memo = new Map<Y.Item, number | undefined>();
  // Depth of the type an item sits in; 0 when that type is garbage collected (Yjs discards it).
  const parentDepth = (item: Y.Item, hops: number): number | undefined => {
    if (memo.has(item)) return memo.get(item);
    if (hops > 64) return undefined;
    memo.set(item, undefined); // a cycle of references resolves to "unknown"
    const parent: unknown = item.parent;
    let depth: number | undefined;
    if (typeof parent === 'string') depth = 1;
    else if (parent instanceof Y.ID) depth = typeDepthAt(parent, hops + 1);
    else {
      const neighbour = item.origin ?? item.rightOrigin;
      depth = neighbour ? siblingParentDepth(neighbour, hops + 1) : undefined;
    }
    memo.set(item, depth);
    return depth;
  };
  const typeDepthAt = (id: Y.ID, hops: number): number | undefined => {
    const own = inUpdate(id);
    if (own instanceof Y.GC) return 0;
    if (own) {
      if (!(own.content instanceof Y.ContentType)) return undefined;
      const depth = parentDepth(own, hops);
      return depth === undefined || depth === 0 ? depth : depth + 1;
    }
    const stored = inDoc(id);
    if (!stored) return undefined;
    if (stored instanceof Y.GC) return 0;
    return stored.content instanceof Y.ContentType ? depthOfType(stored.content.type) : undefined;
  };
  const siblingParentDepth = (id: Y.ID, hops: number): number | undefined => {
    const own = inUpdate(id);
    if (own instanceof Y.GC) return 0;
    if (own) return parentDepth(own, hops);
    const stored = inDoc(id);
    if (!stored) return undefined;
    if (stored instanceof Y.GC || !stored.parent) return 0;
    return depthOfType(stored.parent as Y.AbstractType<unknown>);
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentDoc) return 'a subdocument';
    if (!(struct.content instanceof Y.ContentType)) continue;
    if (!boardTypes.has(struct.content.type.constructor)) return 'a shared type the board does not use';
    const depth = parentDepth(struct, 0);
    if (depth === undefined) return 'a shared type whose place is unknown';
    if (depth + 1 > maxTypeDepth) return 'shared types nested deeper than the board';
  }
  return undefined;
}
