import {
  protocolVersion,
  type ClientEventName,
  type ClientEventPayload,
  type ClientToServerEvents,
  type ColumnId,
  type MeetingFocus,
  type MeetingLiveState,
  type MeetingTimerCommand,
  type Result,
  type ScreenKind,
  type ServerToClientEvents,
} from '@kinboard/shared';
import { io, type Socket } from 'socket.io-client';
import { stoppedSentence } from '$lib/i18n/server-sentences.ts';

type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const initialState = (meetingId: string): MeetingLiveState => ({
  meetingId,
  follow: true,
  focus: { stepId: null, column: null },
  previousFocus: null,
  lockedColumns: [],
  timer: { durationMs: 0, startedAt: null, remainingMs: 0 },
  serverNow: Date.now(),
});

/**
 * What the server decides about the running meeting (the chair's focus, follow me, locks, the
 * timer), as reactive state. Every screen enters the meeting on connect and again on every
 * reconnect, so a screen that dropped off picks up where the chair is now. That includes a
 * recovered connection (`socket.recovered`): the server strips one that no longer holds to a
 * bare socket, and entering is what gives it its current role or its refusal [ACCESS21].
 */
export class LiveMeeting {
  state: MeetingLiveState = $state.raw(initialState(''));
  /** The last refusal or failure the server sent back, in its plain words. */
  problem: string | undefined = $state();
  /** Server clock minus ours, so a timer reads the same on every screen. */
  clockOffset = $state(0);
  readonly #socket: MeetingSocket;
  readonly #meetingId: string;
  readonly #screen: ScreenKind;

  constructor(meetingId: string, screen: ScreenKind) {
    this.#meetingId = meetingId;
    this.#screen = screen;
    this.state = initialState(meetingId);
    this.#socket = io({ path: '/socket.io/', transports: ['websocket'], auth: { protocolVersion } });
    this.#socket.on('connect', () => void this.#enter());
    this.#socket.on('meeting:state', (state) => this.#accept(state));
    // The server disconnects right after, and socket.io does not reconnect a socket the server
    // ended: the screen says why instead [ACCESS22].
    this.#socket.on('access:ended', ({ code }) => {
      this.ended = code;
      this.problem = stoppedSentence(code);
    });
  }

  /** The close code of the access that ended, once the server has ended this screen's. */
  ended: number | undefined = $state();

  async #enter(): Promise<void> {
    this.#entered = false;
    const result = await this.#request('meeting:enter', { meetingId: this.#meetingId, screen: this.#screen });
    if (!result.ok) return;
    this.#accept(result.value);
    this.#entered = true;
    for (const handler of this.#onEntered) handler();
  }

  #entered = false;
  #onEntered: (() => void)[] = [];

  /** Runs now if this screen is in the meeting, and after every (re)entry, to catch up. */
  onEntered(handler: () => void): () => void {
    this.#onEntered = [...this.#onEntered, handler];
    if (this.#entered) handler();
    return () => {
      this.#onEntered = this.#onEntered.filter((each) => each !== handler);
    };
  }

  /** Sends a feature's event (scaling, ...) and resolves with the server's Result as it came. */
  send<E extends Exclude<ClientEventName, 'meeting:enter'>, T>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Result<T>> {
    return new Promise((resolve) => {
      const emit = this.#socket.emit.bind(this.#socket) as unknown as (
        event: E,
        payload: ClientEventPayload<E>,
        ack: (result: Result<T>) => void,
      ) => void;
      emit(event, payload, resolve);
    });
  }

  #accept(state: MeetingLiveState): void {
    this.clockOffset = state.serverNow - Date.now();
    this.state = state;
  }

  #request<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Result<MeetingLiveState>> {
    return new Promise((resolve) => {
      const emit = this.#socket.emit.bind(this.#socket) as unknown as (
        event: E,
        payload: ClientEventPayload<E>,
        ack: (result: Result<MeetingLiveState>) => void,
      ) => void;
      emit(event, payload, (result) => {
        this.problem = result.ok ? undefined : result.message;
        resolve(result);
      });
    });
  }

  async #chair<E extends Exclude<ClientEventName, 'meeting:enter'>>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<void> {
    const result = await this.#request(event, payload);
    if (result.ok) this.#accept(result.value);
  }

  focus(focus: MeetingFocus): Promise<void> {
    return this.#chair('chair:focus', { focus });
  }
  undoFocus(): Promise<void> {
    return this.#chair('chair:undo-focus', {});
  }
  follow(follow: boolean): Promise<void> {
    return this.#chair('chair:follow', { follow });
  }
  lock(column: ColumnId, locked: boolean): Promise<void> {
    return this.#chair('chair:lock', { column, locked });
  }
  timer(command: MeetingTimerCommand): Promise<void> {
    return this.#chair('chair:timer', command);
  }

  /**
   * Listens for a server event by name, returning the way to stop. Loosely typed on purpose: a
   * screen may listen for an event a server of this version does not send yet (the lobby's
   * `lobby:changed`, `meeting:closed`), and simply never hears it.
   */
  onServerEvent(name: string, handler: (payload: unknown) => void): () => void {
    const socket = this.#socket as unknown as Socket;
    socket.on(name, handler);
    return () => void socket.off(name, handler);
  }

  /** Runs after every (re)connection, so a screen can catch up on what it may have missed. */
  onConnect(handler: () => void): () => void {
    this.#socket.on('connect', handler);
    return () => void this.#socket.off('connect', handler);
  }

  isLocked(column: ColumnId): boolean {
    return this.state.lockedColumns.includes(column);
  }

  /** Milliseconds left on the timer at `now` (our clock). */
  timeLeft(now: number): number {
    const { timer } = this.state;
    if (timer.startedAt === null) return timer.remainingMs;
    return Math.max(0, timer.remainingMs - (now + this.clockOffset - timer.startedAt));
  }

  destroy(): void {
    this.#socket.disconnect();
  }
}
