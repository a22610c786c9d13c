import type { ColumnId, ScreenKind } from '@kinboard/shared';
import type { Awareness } from 'y-protocols/awareness';
import { throttleLatest } from './throttle.ts';

/** What each screen tells the others about itself, through Yjs awareness on the map document. */
export interface PresenceState {
  name: string;
  screen: ScreenKind;
  /** The column this person is looking at, or null at the welcome. */
  column: ColumnId | null;
  /** The card this person is typing in, if any. */
  typing: string | null;
}

export interface Peer extends PresenceState {
  clientId: number;
}

/** At most about ten presence messages a second, whatever the person does. */
const throttleMs = 100;

function isPresence(value: unknown): value is PresenceState {
  const state = value as Partial<PresenceState> | null;
  return typeof state?.name === 'string' && typeof state.screen === 'string';
}

/**
 * Who is here, where each person is looking and who is typing in which card. Local changes are
 * merged and sent at most every 100 ms (the trailing change always goes out).
 */
export class Presence {
  peers: Peer[] = $state([]);
  readonly #awareness: Awareness;
  #local: PresenceState;
  readonly #send: ReturnType<typeof throttleLatest<PresenceState>>;
  readonly #onChange = () => this.#refresh();

  constructor(awareness: Awareness, initial: PresenceState) {
    this.#awareness = awareness;
    this.#local = initial;
    this.#send = throttleLatest((state) => awareness.setLocalState(state), throttleMs);
    this.#send.push(initial);
    awareness.on('change', this.#onChange);
    this.#refresh();
  }

  get clientId(): number {
    return this.#awareness.clientID;
  }

  update(change: Partial<PresenceState>): void {
    const next = { ...this.#local, ...change };
    if (Object.entries(next).every(([key, value]) => this.#local[key as keyof PresenceState] === value))
      return;
    this.#local = next;
    this.#send.push(next);
  }

  /** Everyone else typing in this card. */
  typingIn(cardId: string): Peer[] {
    return this.peers.filter((peer) => peer.typing === cardId && peer.clientId !== this.clientId);
  }

  #refresh(): void {
    const peers: Peer[] = [];
    for (const [clientId, state] of this.#awareness.getStates())
      if (isPresence(state)) peers.push({ ...state, clientId });
    this.peers = peers.sort((a, b) => a.clientId - b.clientId);
  }

  destroy(): void {
    this.#send.cancel();
    this.#awareness.off('change', this.#onChange);
    this.#awareness.setLocalState(null);
  }
}
