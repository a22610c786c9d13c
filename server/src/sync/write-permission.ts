import {
  agendaRoot,
  boardRootTypes,
  cardAuthorIdField,
  cardsRoot,
  creditedPlanRoots,
  closeCodes,
  columnOf,
  isDomainId,
  isDrawingPart,
  mayEditOthersCards,
  mayWriteBoard,
  mayWriteDocument,
  rootsOfPart,
  settingsRoot,
  meetingDecisionRoot,
  planEntryAuthorField,
  type BoardRootName,
  type ColumnId,
  type DocumentPart,
  type ParticipantRole,
  type RefusedEditReason,
} from '@kinboard/shared';
import * as Y from 'yjs';
import type { DecodedUpdate } from './update-guard.ts';

export type WriteRefusal = { code: number; reason: string };

/** Who writes on a connection, as access decided it. `role` changes when the chair changes it. */
export interface Writer {
  /** `staff:<staffId>` or `guest:<participantId>`: what stored updates and card authors carry. */
  readonly participant: string;
  role: ParticipantRole;
}

/** Something no honest screen sends: the connection stops (4403). */
const refuse = (reason: string): WriteRefusal => ({ code: closeCodes.forbidden, reason });
/**
 * Refused because of a state that changes during the meeting (a lock, a role, who wrote a card):
 * an honest screen can send it in the instant the state changed, so it starts afresh (4423).
 */
const refuseEdit = (reason: RefusedEditReason): WriteRefusal => ({ code: closeCodes.refusedEdit, reason });

/**
 * Judges a decoded client update against the writer's role before any of it is applied
 * [ACCESS14] [ACCESS15]. An update that changes nothing the server holds (a stock client's sync
 * step 2 after reconnecting: no new structs, deletes of what is already deleted) is let through
 * for every role, so read-only screens can sync. Otherwise read-only roles write nothing, only
 * staff write the frame, and on the map a non-staff writer adds cards carrying their own
 * `authorId` and changes or deletes only cards whose `authorId` is theirs, and nothing of a card
 * in a column the chair locked [ACCESS20]; in the plan, new entries carry their own `authorId`
 * and nobody changes an entry's [FIRST9].
 */
export function judgeWrite(
  decoded: DecodedUpdate,
  doc: Y.Doc,
  part: DocumentPart,
  writer: Writer,
  lockedColumns: readonly ColumnId[] = [],
): WriteRefusal | undefined {
  // Staff may write anything here: no need to read what the update changes.
  const judgesAuthors = part === 'map' || part === 'plan';
  if (mayWriteDocument(writer.role, part) && (!judgesAuthors || mayEditOthersCards(writer.role)))
    return undefined;
  const change = readChange(decoded, doc);
  if (change.added.length === 0 && change.removed.length === 0 && !change.removesAhead) return undefined;
  // The chair may have made this person an observer while they typed: a state that changes.
  if (!mayWriteBoard(writer.role)) return refuseEdit('readOnly');
  if (!mayWriteDocument(writer.role, part)) return refuse('only staff write the frame');
  if (mayEditOthersCards(writer.role)) return undefined;
  if (part === 'plan') return judgePlanAuthors(change, new Places(decoded, doc), doc, writer.participant);
  if (part !== 'map') return undefined;
  const places = new Places(decoded, doc);
  return (
    judgeLockedCards(change, places, doc, lockedColumns) ??
    judgeCards(change, places, doc, writer.participant)
  );
}

/**
 * Column locks alone, for connections without a staff identity (REQUIRE_SIGN_IN=false, where
 * nobody is judged by role [ACCESS20]): nothing of a card in a locked column is made, changed,
 * moved in or out, or deleted.
 */
export function judgeLocks(
  decoded: DecodedUpdate,
  doc: Y.Doc,
  part: DocumentPart,
  lockedColumns: readonly ColumnId[],
): WriteRefusal | undefined {
  if (part !== 'map' || lockedColumns.length === 0) return undefined;
  const change = readChange(decoded, doc);
  if (change.added.length === 0 && change.removed.length === 0 && !change.removesAhead) return undefined;
  return judgeLockedCards(change, new Places(decoded, doc), doc, lockedColumns);
}

/**
 * While the store cannot save, every change is refused, for everyone [RECORD4]: taken into the
 * board it could be seen and then lost. An update that changes nothing (a sync step 2 of a
 * screen opening anew) passes, so screens still load and read the board.
 */
export function judgeSaving(decoded: DecodedUpdate, doc: Y.Doc): WriteRefusal | undefined {
  const change = readChange(decoded, doc);
  if (change.added.length === 0 && change.removed.length === 0 && !change.removesAhead) return undefined;
  return refuseEdit('notSaving');
}

/**
 * While the plan is being agreed, and once it is agreed, its content is locked for everyone,
 * the chair included [PLAN3] [PLAN6]: the `plan` and `map` documents take no change at all, and
 * the `frame` none to what it holds but its agenda, settings and the meeting's decision (the
 * chair still runs the meeting, and writes down what it decided) [EXPORT8].
 * An update that changes nothing the server holds (a reconnecting client's sync step 2) passes.
 * A frame update is tried on a copy of the document and the locked roots compared, because
 * which root a deep change belongs to is only certain once it is integrated. Drawings are not
 * the plan: they stay open while it is agreed [DRAW2].
 */
export function judgePlanLock(
  decoded: DecodedUpdate,
  doc: Y.Doc,
  part: DocumentPart,
  update: Uint8Array,
): WriteRefusal | undefined {
  if (isDrawingPart(part)) return undefined;
  const change = readChange(decoded, doc);
  if (change.added.length === 0 && change.removed.length === 0 && !change.removesAhead) return undefined;
  const refusal = refuseEdit('planLocked');
  if (part !== 'frame') return refusal;
  const locked = (rootsOfPart.frame as readonly BoardRootName[]).filter(
    (root) => root !== agendaRoot && root !== settingsRoot && root !== meetingDecisionRoot,
  );
  const trial = new Y.Doc({ gc: false });
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
  const read = () =>
    locked.map((root) =>
      JSON.stringify((boardRootTypes[root] === 'map' ? trial.getMap(root) : trial.getArray(root)).toJSON()),
    );
  const before = read();
  const waiting = trial.store.pendingStructs !== null || trial.store.pendingDs !== null;
  Y.applyUpdate(trial, update);
  // A change waiting for a missing part cannot be judged yet: refused while locked.
  const waitsNow = trial.store.pendingStructs !== null || trial.store.pendingDs !== null;
  const after = read();
  trial.destroy();
  if (waitsNow && !waiting) return refusal;
  return before.some((json, index) => json !== after[index]) ? refusal : undefined;
}

interface Change {
  /** Structs the document does not hold yet. */
  added: Y.Item[];
  /** Items the document holds, alive, that the update deletes. */
  removed: Y.Item[];
  /** Deletes of items the document does not hold yet (the update's own, or pending). */
  removesAhead: boolean;
}

function readChange({ structs, ds }: DecodedUpdate, doc: Y.Doc): Change {
  const added: Y.Item[] = [];
  for (const struct of structs) {
    // GC and Skip structs carry no content: nothing of them shows on the board.
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    added.push(struct);
  }
  const removed: Y.Item[] = [];
  let removesAhead = false;
  for (const [client, ranges] of ds.clients) {
    const held = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock + len > state) removesAhead = true;
      if (!held || clock >= state) continue;
      for (let index = Y.findIndexSS(held, clock); index < held.length; index++) {
        const struct = held[index]!;
        if (struct.id.clock >= clock + len) break;
        if (struct instanceof Y.Item && !struct.deleted) removed.push(struct);
      }
    }
  }
  return { added, removed, removesAhead };
}

/**
 * Where a struct sits on the board: a card itself (an entry at the top of the `cards` root,
 * under `key`), or inside the card `top`, under the card's field `field` (`text`, `domain`,
 * `authorId`...). `gone`: inside something garbage collected, which Yjs discards on arrival.
 */
type Place =
  | { kind: 'entry'; key: string | null; item: Y.Item }
  | { kind: 'inside'; top: Y.Item; field: string | null }
  | 'gone'
  | undefined;

/** Finds places for an update's structs, from the update itself or the document it lands in. */
class Places {
  readonly #doc: Y.Doc;
  readonly #byClient = new Map<number, Y.Item[]>();
  readonly #memo = new Map<Y.Item, Place>();

  constructor({ structs }: DecodedUpdate, doc: Y.Doc) {
    this.#doc = doc;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      let list = this.#byClient.get(struct.id.client);
      if (!list) this.#byClient.set(struct.id.client, (list = []));
      list.push(struct);
    }
  }

  of(item: Y.Item, hops = 0): Place {
    if (this.#integrated(item)) return this.#ofIntegrated(item);
    if (this.#memo.has(item)) return this.#memo.get(item);
    if (hops > 64) return undefined;
    this.#memo.set(item, undefined); // a cycle of references has no place
    const place = this.#ofNew(item, hops);
    this.#memo.set(item, place);
    return place;
  }

  #ofNew(item: Y.Item, hops: number): Place {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { kind: 'entry', key: item.parentSub, item };
    if (parent instanceof Y.ID) {
      const container = this.#find(parent);
      if (container === 'gone' || container === undefined) return container;
      const above = this.of(container, hops + 1);
      if (above === 'gone' || above === undefined) return above;
      return above.kind === 'entry' ? { kind: 'inside', top: container, field: item.parentSub } : above;
    }
    // No parent written: the item sits beside its neighbour, in the same place.
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.#find(neighbourId) : undefined;
    if (neighbour === 'gone' || neighbour === undefined) return neighbour;
    const beside = this.of(neighbour, hops + 1);
    if (beside === 'gone' || beside === undefined) return beside;
    return beside.kind === 'entry' ? { kind: 'entry', key: beside.key, item } : beside;
  }

  #ofIntegrated(item: Y.Item): Place {
    const parentType = item.parent;
    if (!(parentType instanceof Y.AbstractType)) return 'gone';
    if (parentType._item === null) return { kind: 'entry', key: item.parentSub, item };
    let child = item;
    let top = parentType._item;
    for (;;) {
      const above = top.parent;
      if (!(above instanceof Y.AbstractType)) return 'gone';
      if (above._item === null) return { kind: 'inside', top, field: child.parentSub };
      child = top;
      top = above._item;
    }
  }

  #integrated(item: Y.Item): boolean {
    return item.parent instanceof Y.AbstractType;
  }

  /** The document's struct wins: it is integrated, so its parent is known for certain. */
  #find(id: Y.ID): Y.Item | 'gone' | undefined {
    if (id.clock < Y.getState(this.#doc.store, id.client)) {
      const held = Y.getItem(this.#doc.store, id) as Y.Item | Y.GC;
      return held instanceof Y.Item ? held : 'gone';
    }
    const list = this.#byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

/** The `authorId` of a card the document holds, if it is a card and has one. */
function authorOf(card: Y.Item): unknown {
  const content = card.content;
  return content instanceof Y.ContentType && content.type instanceof Y.Map
    ? (content.type as Y.Map<unknown>).get(cardAuthorIdField)
    : undefined;
}

/** The domain a card the document holds sits in, if it is a card and has one. */
function domainOf(card: Y.Item): unknown {
  const content = card.content;
  return content instanceof Y.ContentType && content.type instanceof Y.Map
    ? (content.type as Y.Map<unknown>).get(cardDomainField)
    : undefined;
}

const cardDomainField = 'domain';

/**
 * Refuses an update that touches a card in a locked column [ACCESS20]: a card made there (its
 * `domain` set to a locked one), any change inside or deletion of a card whose domain is locked
 * (moving it out included), a new card value replacing one there, and moving a card in (its
 * `domain` set to a locked one).
 */
function judgeLockedCards(
  change: Change,
  places: Places,
  doc: Y.Doc,
  lockedColumns: readonly ColumnId[],
): WriteRefusal | undefined {
  if (lockedColumns.length === 0) return undefined;
  const locked = (domain: unknown) => isDomainId(domain) && lockedColumns.includes(columnOf(domain));
  const refusal = refuseEdit('columnLocked');
  const root = doc.share.get(cardsRoot);
  for (const item of change.added) {
    const place = places.of(item);
    if (place === 'gone') continue;
    if (place === undefined) return refuse('a change whose place on the board is unknown');
    if (place.kind === 'entry') {
      // A new value for a card's key replaces (deletes) the card there.
      const current = place.key === null ? undefined : root?._map.get(place.key);
      if (current && !current.deleted && locked(domainOf(current))) return refusal;
      continue;
    }
    const { top, field } = place;
    // A change inside a card the document holds, still on the board.
    if (top.parent instanceof Y.AbstractType && !top.deleted && locked(domainOf(top))) return refusal;
    // A domain given to a card, new or held: made in, or moved into, that column.
    if (field === cardDomainField && item.content.getContent().some(locked)) return refusal;
  }
  for (const item of change.removed) {
    const place = places.of(item);
    if (place === 'gone' || place === undefined) continue;
    const card = place.kind === 'entry' ? place.item : place.top;
    if (card.deleted) continue;
    if (locked(domainOf(card))) return refusal;
  }
  return undefined;
}

function judgeCards(
  change: Change,
  places: Places,
  doc: Y.Doc,
  participant: string,
): WriteRefusal | undefined {
  const root = doc.share.get(cardsRoot);
  /** Cards this update makes, with the authors it gives them. */
  const made = new Map<Y.Item, unknown[]>();
  const inside: { item: Y.Item; top: Y.Item; field: string | null }[] = [];
  for (const item of change.added) {
    const place = places.of(item);
    if (place === 'gone') continue;
    if (place === undefined) return refuse('a change whose place on the board is unknown');
    if (place.kind === 'inside') {
      inside.push({ item, top: place.top, field: place.field });
      continue;
    }
    // A new value for a card's key replaces the card there: only the author may.
    const current = place.key === null ? undefined : root?._map.get(place.key);
    if (current && !current.deleted && authorOf(current) !== participant) return refuseEdit('notYourCard');
    if (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) made.set(item, []);
    else if (!(item.content instanceof Y.ContentDeleted)) return refuse('not a card');
  }
  for (const { item, top, field } of inside) {
    const authors = made.get(top);
    if (authors) {
      if (field !== cardAuthorIdField) continue;
      // Only a plain value, set directly on the new card.
      if (!(item.content instanceof Y.ContentAny) || !(item.parent instanceof Y.ID))
        return refuse('a card author that is not a name');
      authors.push(...item.content.getContent());
      continue;
    }
    // Inside a card deleted before or by this update: Yjs deletes it on arrival.
    if (!(top.parent instanceof Y.AbstractType) || top.deleted) continue;
    if (authorOf(top) !== participant) return refuseEdit('notYourCard');
    if (field === cardAuthorIdField) return refuse('changes who wrote a card');
  }
  for (const authors of made.values())
    if (authors.length === 0 || authors.some((author) => author !== participant))
      return refuse('a new card must carry its writer as author');
  const removedItems = new Set(change.removed);
  for (const item of change.removed) {
    const place = places.of(item);
    if (place === 'gone' || place === undefined) continue;
    const card = place.kind === 'entry' ? place.item : place.top;
    if (card.deleted) continue;
    if (authorOf(card) !== participant) return refuseEdit('notYourCard');
    if (place.kind === 'inside' && place.field === cardAuthorIdField && !removedItems.has(card))
      return refuse('changes who wrote a card');
  }
  return undefined;
}

/**
 * Who made a plan entry is fixed [FIRST9]: a new entry's `authorId`, set directly on it, is the
 * writer's own (and a new rule, fire drill or next step must carry it); nobody adds, changes or
 * removes the `authorId` of an entry the board holds. Everything else in the plan is written
 * together, so it is not judged here.
 */
function judgePlanAuthors(
  change: Change,
  places: Places,
  doc: Y.Doc,
  participant: string,
): WriteRefusal | undefined {
  /** Entries this update makes, with the authors it gives them. */
  const made = new Map<Y.Item, unknown[]>();
  const inside: { item: Y.Item; top: Y.Item; field: string | null }[] = [];
  for (const item of change.added) {
    const place = places.of(item);
    if (place === 'gone') continue;
    if (place === undefined) return refuse('a change whose place on the board is unknown');
    if (place.kind === 'inside') inside.push({ item, top: place.top, field: place.field });
    else if (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) made.set(item, []);
  }
  for (const { item, top, field } of inside) {
    if (field !== planEntryAuthorField) continue;
    const authors = made.get(top);
    if (authors) {
      if (!(item.content instanceof Y.ContentAny) || !(item.parent instanceof Y.ID))
        return refuse('a plan entry author that is not a name');
      authors.push(...item.content.getContent());
      continue;
    }
    // Inside an entry deleted before or by this update: Yjs deletes it on arrival.
    if (!(top.parent instanceof Y.AbstractType) || top.deleted) continue;
    return refuse('changes who wrote a plan entry');
  }
  for (const [entry, authors] of made) {
    if (authors.some((author) => author !== participant))
      return refuse('a new plan entry must carry its writer as author');
    if (authors.length === 0 && creditedPlanRoots.includes(rootNameOf(entry, doc)))
      return refuse('a new plan entry must carry its writer as author');
  }
  const removedItems = new Set(change.removed);
  for (const item of change.removed) {
    const place = places.of(item);
    if (place === 'gone' || place === undefined || place.kind !== 'inside') continue;
    if (place.field !== planEntryAuthorField || place.top.deleted || removedItems.has(place.top)) continue;
    return refuse('changes who wrote a plan entry');
  }
  return undefined;
}

/**
 * The root a new top-level entry sits under: named in it, or (a new value for a key the board
 * holds, written beside the one it replaces) the root of that neighbour.
 */
function rootNameOf(entry: Y.Item, doc: Y.Doc): string {
  const parent: unknown = entry.parent;
  if (typeof parent === 'string') return parent;
  const neighbour = entry.origin ?? entry.rightOrigin;
  if (!neighbour || neighbour.clock >= Y.getState(doc.store, neighbour.client)) return '';
  const held = Y.getItem(doc.store, neighbour);
  const type = held instanceof Y.Item ? held.parent : undefined;
  for (const [name, root] of doc.share) if (root === type) return name;
  return '';
}
