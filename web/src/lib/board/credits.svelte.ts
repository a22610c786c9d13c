import {
  authorDirectoryOf,
  creditFor,
  type AuthorDirectory,
  type MeetingAuthors,
} from '@kinboard/shared/access/credit';
import { api } from '$lib/access/api.ts';

/** Asking again for someone new waits at least this long: one small request, however many cards arrive. */
const askAgainAfterMs = 2000;

/**
 * Who wrote each card, as the server recorded them [FIRST3]: the name a person joined with and
 * how they know the child, never the name a screen wrote into the card. Fetched from
 * `/api/meetings/:id/authors` when the board opens and again when a card names a writer this
 * screen does not know yet (someone just let in).
 */
export class Credits {
  directory: AuthorDirectory = $state.raw(authorDirectoryOf([]));
  readonly #meetingId: string;
  #asking = false;
  #lastAsked = 0;
  #stopped = false;
  /** Keys asked about; one still unknown after an answer is not asked about again. */
  // Bookkeeping for when to ask, never shown: plain sets, not reactive ones.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #askedFor = new Set<string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #waitingFor = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(meetingId: string) {
    this.#meetingId = meetingId;
    void this.#ask();
  }

  /** The writer's recorded name and relationship, for a card or entry with `authorId`. */
  of(
    authorId: string | undefined,
    storedName: string,
  ): { name: string; relationship?: string; role?: string } {
    const credit = creditFor(this.directory, authorId, storedName);
    if (authorId !== undefined && !credit.recorded && !this.#askedFor.has(authorId)) {
      this.#waitingFor.add(authorId);
      this.#askSoon();
    }
    return credit;
  }

  /** The recorded name of whoever has this key, if the server has said. */
  nameOf(key: string | undefined): string | undefined {
    return key === undefined ? undefined : this.directory.get(key)?.name;
  }

  #askSoon(): void {
    if (this.#asking || this.#timer || this.#stopped) return;
    const wait = Math.max(0, this.#lastAsked + askAgainAfterMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#ask();
    }, wait);
  }

  async #ask(): Promise<void> {
    this.#asking = true;
    this.#lastAsked = Date.now();
    for (const key of this.#waitingFor) this.#askedFor.add(key);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#waitingFor = new Set();
    const answer = await api<MeetingAuthors>(
      'GET',
      `/api/meetings/${encodeURIComponent(this.#meetingId)}/authors`,
    );
    this.#asking = false;
    if (answer.ok && !this.#stopped) this.directory = authorDirectoryOf(answer.body.authors);
  }

  destroy(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }
}
