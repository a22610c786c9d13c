import {
  addCard,
  cardsOf,
  deleteCard,
  moveCard,
  readCards,
  type Card,
  type DomainId,
  type Perspective,
} from '@kinboard/shared';
import * as Y from 'yjs';
import { ownEdit } from './own-edits.ts';

/** A card as the board lays it out; its text is bound separately (see card-text-binding.ts). */
export type CardSummary = Omit<Card, 'text'>;

/**
 * The map document's cards as reactive state. The list is rebuilt only when cards are added,
 * removed or moved, not on every keystroke: a card's text lives in its own binding, so a
 * person typing is never re-rendered under their fingers. Every change made here carries the
 * screen's own origin, so undo can take it back.
 */
export class MapBoard {
  cards: CardSummary[] = $state([]);
  readonly doc: Y.Doc;
  readonly #observer: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.#observer = (events) => {
      if (events.some((event) => !(event.target instanceof Y.Text))) this.#refresh();
    };
    cardsOf(doc).observeDeep(this.#observer);
    this.#refresh();
  }

  cardsIn(domain: DomainId): CardSummary[] {
    return this.cards.filter((card) => card.domain === domain);
  }

  /** Who this screen writes as (`staff:<id>` / `guest:<id>`), stamped on the cards it adds. */
  authorId: string | undefined;

  add(domain: DomainId, author: string, perspective: Perspective = 'network'): string {
    let id = '';
    const authorId = this.authorId;
    this.doc.transact(() => {
      id = addCard(this.doc, {
        domain,
        text: '',
        author: author.trim() || 'Guest',
        perspective,
        ...(authorId ? { authorId } : {}),
      });
    }, ownEdit);
    return id;
  }

  remove(id: string): void {
    this.doc.transact(() => deleteCard(this.doc, id), ownEdit);
  }

  move(id: string, domain: DomainId, beforeId?: string): void {
    this.doc.transact(() => moveCard(this.doc, id, domain, beforeId), ownEdit);
  }

  /** Moves a card one place up (-1) or down (1) within its domain; false if it cannot go further. */
  shift(id: string, direction: 1 | -1): boolean {
    const card = this.cards.find((each) => each.id === id);
    if (!card) return false;
    const siblings = this.cardsIn(card.domain);
    const index = siblings.findIndex((each) => each.id === id);
    const target = index + direction;
    if (target < 0 || target >= siblings.length) return false;
    // Up: before the card above. Down: before the card after the one below (or at the end).
    this.move(id, card.domain, direction === -1 ? siblings[target]!.id : siblings[target + 1]?.id);
    return true;
  }

  #refresh(): void {
    this.cards = readCards(this.doc).map(({ text: _text, ...summary }) => summary);
  }

  destroy(): void {
    cardsOf(this.doc).unobserveDeep(this.#observer);
  }
}
