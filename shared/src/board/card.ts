import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import * as z from 'zod/mini';
import { domainIds, isDomainId, type DomainId } from '../vocabulary/domains.ts';

/**
 * A card on the map: what someone said, in their words, in one domain. Stored in the map
 * document's root `cards` map as cardId -> Y.Map { domain, text (Y.Text, so two people typing in
 * one card both keep their words), author, authorId, perspective, createdAt, position }.
 * `author` is the name shown; `authorId` is who wrote it (`guest:<participantId>` or
 * `staff:<staffId>`, see participantKey), set once when the card is made: guests change only the
 * cards whose `authorId` is theirs, and the server checks it [ACCESS15].
 * `position` is a fractional index, so moving or reordering a card is one field change that
 * merges cleanly with other people's moves.
 */
export const cardsRoot = 'cards';
/** The card field naming who wrote it; set once, when the card is made. */
export const cardAuthorIdField = 'authorId';

export const perspectives = ['family', 'network', 'professional', 'child'] as const;
export type Perspective = (typeof perspectives)[number];

export const maxCardTextLength = 4000;

export const cardInputSchema = z.object({
  domain: z.enum(domainIds),
  text: z.string().check(z.maxLength(maxCardTextLength)),
  author: z.string().check(z.minLength(1), z.maxLength(120)),
  /** Who wrote it, as the server knows them; cards made before sign-in have none. */
  authorId: z.optional(z.string().check(z.minLength(1), z.maxLength(120))),
  perspective: z.enum(perspectives),
});
export type CardInput = z.infer<typeof cardInputSchema>;

export interface Card {
  id: string;
  domain: DomainId;
  text: string;
  author: string;
  authorId?: string | undefined;
  perspective: Perspective;
  createdAt: number;
  position: string;
}

type CardFields = {
  domain: string;
  text: Y.Text;
  author: string;
  authorId: string;
  perspective: string;
  createdAt: number;
  position: string;
};
type CardMap = Y.Map<CardFields[keyof CardFields]>;

export function cardsOf(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap<CardMap>(cardsRoot);
}

function newCardId(): string {
  return `c_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

function lastPosition(doc: Y.Doc, domain: DomainId): string | null {
  const inDomain = readCards(doc).filter((card) => card.domain === domain);
  return inDomain.at(-1)?.position ?? null;
}

/** Adds a card at the end of its domain and returns its id. */
export function addCard(doc: Y.Doc, input: CardInput, options: { id?: string; now?: number } = {}): string {
  const valid = cardInputSchema.parse(input);
  const id = options.id ?? newCardId();
  doc.transact(() => {
    const card: CardMap = new Y.Map();
    card.set('domain', valid.domain);
    card.set('text', new Y.Text(valid.text));
    card.set('author', valid.author);
    if (valid.authorId !== undefined) card.set(cardAuthorIdField, valid.authorId);
    card.set('perspective', valid.perspective);
    card.set('createdAt', options.now ?? Date.now());
    card.set('position', generateKeyBetween(lastPosition(doc, valid.domain), null));
    cardsOf(doc).set(id, card);
  });
  return id;
}

export function cardText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = cardsOf(doc).get(id)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

/**
 * Replaces a card's text with `next` by changing only the part that differs, so a concurrent
 * edit elsewhere in the same card survives.
 */
export function editCardText(doc: Y.Doc, id: string, next: string): void {
  const text = cardText(doc, id);
  if (!text) return;
  const bounded = next.slice(0, maxCardTextLength);
  const current = text.toString();
  if (current === bounded) return;
  let start = 0;
  while (start < current.length && start < bounded.length && current[start] === bounded[start]) start++;
  let endCurrent = current.length;
  let endNext = bounded.length;
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === bounded[endNext - 1]) {
    endCurrent--;
    endNext--;
  }
  doc.transact(() => {
    if (endCurrent > start) text.delete(start, endCurrent - start);
    if (endNext > start) text.insert(start, bounded.slice(start, endNext));
  });
}

export function deleteCard(doc: Y.Doc, id: string): void {
  cardsOf(doc).delete(id);
}

/** Moves a card to another domain (at its end), or before the card `beforeId` in that domain. */
export function moveCard(doc: Y.Doc, id: string, domain: DomainId, beforeId?: string): void {
  const card = cardsOf(doc).get(id);
  if (!card) return;
  const siblings = readCards(doc).filter((other) => other.domain === domain && other.id !== id);
  const index = beforeId ? siblings.findIndex((other) => other.id === beforeId) : -1;
  const position =
    index < 0
      ? generateKeyBetween(siblings.at(-1)?.position ?? null, null)
      : generateKeyBetween(siblings[index - 1]?.position ?? null, siblings[index]!.position);
  doc.transact(() => {
    card.set('domain', domain);
    card.set('position', position);
  });
}

function readCard(id: string, card: CardMap): Card | undefined {
  const domain = card.get('domain');
  const text = card.get('text');
  const perspective = card.get('perspective');
  if (!isDomainId(domain) || !(text instanceof Y.Text)) return undefined;
  return {
    id,
    domain,
    text: text.toString(),
    author: String(card.get('author') ?? ''),
    ...(typeof card.get(cardAuthorIdField) === 'string'
      ? { authorId: card.get(cardAuthorIdField) as string }
      : {}),
    perspective: (perspectives as readonly unknown[]).includes(perspective)
      ? (perspective as Perspective)
      : 'professional',
    createdAt: Number(card.get('createdAt') ?? 0),
    position: String(card.get('position') ?? ''),
  };
}

/** One card, if it is there and readable (what `readCards` would list for it). */
export function readCardById(doc: Y.Doc, id: string): Card | undefined {
  const card = cardsOf(doc).get(id);
  return card instanceof Y.Map ? readCard(id, card) : undefined;
}

/** Every readable card, in domain order and then position order. Unreadable entries are skipped. */
export function readCards(doc: Y.Doc): Card[] {
  const cards: Card[] = [];
  for (const [id, card] of cardsOf(doc).entries()) {
    if (!(card instanceof Y.Map)) continue;
    const read = readCard(id, card);
    if (read) cards.push(read);
  }
  return cards.sort(
    (a, b) =>
      domainIds.indexOf(a.domain) - domainIds.indexOf(b.domain) ||
      (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1),
  );
}
