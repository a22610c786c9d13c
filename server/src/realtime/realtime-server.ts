import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  clientEventSchemas,
  describeInvalid,
  fail,
  mayEmit,
  ok,
  oldestSupportedProtocolVersion,
  protocolVersion,
  type ClientEventName,
  type ClientEventPayload,
  type ClientToServerEvents,
  type MeetingLiveState,
  type ParticipantRole,
  type Result,
  type ScreenKind,
  type ServerToClientEvents,
} from '@kinboard/shared';
import { Server as EngineServer } from 'engine.io';
import { Server, type Socket } from 'socket.io';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { MeetingLiveStates } from './meeting-live-states.ts';

export const socketIoPath = '/socket.io/';

interface SocketData {
  meetingId?: string;
  role?: ParticipantRole;
}
type KinboardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type KinboardServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

// Until staff sign-in and the lobby exist, a screen's kind stands in for its role.
// The access work replaces this with the admitted participant's role.
const provisionalRoleOfScreen: Record<ScreenKind, ParticipantRole> = {
  chair: 'staff',
  projector: 'projector',
  phone: 'family',
};

const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/**
 * socket.io carries what the server must decide (lobby, roles, scaling rounds, the chair's
 * controls). Every handler has one shape: validate -> authorise -> act -> broadcast. The transport
 * is WebSocket only: phones on one bar of signal reconnect faster without long-polling fallbacks.
 */
export class RealtimeServer {
  readonly io: KinboardServer;
  readonly #engine: EngineServer;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #live = new MeetingLiveStates();

  constructor(options: { log: Logger; store: Store; maxMessageBytes: number }) {
    this.#store = options.store;
    this.#log = options.log;
    this.#engine = new EngineServer({
      transports: ['websocket'],
      maxHttpBufferSize: options.maxMessageBytes,
    });
    this.io = new Server({ path: socketIoPath, transports: ['websocket'], serveClient: false });
    this.io.bind(this.#engine);
    this.io.use((socket, next) => {
      const version = Number(socket.handshake.auth['protocolVersion']);
      if (!Number.isInteger(version) || version < oldestSupportedProtocolVersion) {
        next(new Error('too old: reload the page'));
        return;
      }
      next();
    });
    this.io.on('connection', (socket) => this.#onConnection(socket));
  }

  #onConnection(socket: KinboardSocket): void {
    socket.emit('server:hello', { protocolVersion });
    const live = this.#live;
    this.#handle(socket, 'meeting:enter', async ({ meetingId, screen }) => {
      const meeting = await this.#store.getMeeting(meetingId);
      if (!meeting) return fail('not-found', 'There is no meeting with that link.');
      if (meeting.state === 'closed') return fail('not-found', 'This meeting has finished.');
      if (socket.data.meetingId && socket.data.meetingId !== meetingId)
        await socket.leave(meetingRoom(socket.data.meetingId));
      socket.data.meetingId = meetingId;
      socket.data.role = provisionalRoleOfScreen[screen];
      await socket.join(meetingRoom(meetingId));
      return ok(live.get(meetingId));
    });
    this.#handleChair(socket, 'chair:focus', (meetingId, { focus }) => live.focus(meetingId, focus));
    this.#handleChair(socket, 'chair:undo-focus', (meetingId) => live.undoFocus(meetingId));
    this.#handleChair(socket, 'chair:follow', (meetingId, { follow }) => live.follow(meetingId, follow));
    this.#handleChair(socket, 'chair:lock', (meetingId, { column, locked }) =>
      live.lock(meetingId, column, locked),
    );
    this.#handleChair(socket, 'chair:timer', (meetingId, command) => live.timer(meetingId, command));
  }

  /** A chair control: acts on the socket's meeting and broadcasts the new state to every screen in it. */
  #handleChair<E extends Exclude<ClientEventName, 'meeting:enter'>>(
    socket: KinboardSocket,
    event: E,
    act: (meetingId: string, payload: ClientEventPayload<E>) => MeetingLiveState,
  ): void {
    this.#handle(socket, event, async (payload) => {
      const meetingId = socket.data.meetingId!;
      const state = act(meetingId, payload);
      socket.to(meetingRoom(meetingId)).emit('meeting:state', state);
      return ok(state);
    });
  }

  /** validate -> authorise -> act; the acknowledgement always carries a Result. */
  #handle<E extends ClientEventName, T>(
    socket: KinboardSocket,
    event: E,
    act: (payload: ClientEventPayload<E>) => Promise<Result<T>>,
  ): void {
    const listener = async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (result: Result<T>) => void) : () => {};
      const parsed = clientEventSchemas[event].safeParse(payload);
      if (!parsed.success) return reply(fail('bad-request', describeInvalid(parsed.error)));
      if (event !== 'meeting:enter') {
        const role = socket.data.role;
        if (!role || !socket.data.meetingId) return reply(fail('not-admitted', 'Join the meeting first.'));
        if (!mayEmit(role, event)) return reply(fail('forbidden', 'Only the chair can do that.'));
      }
      try {
        reply(await act(parsed.data as ClientEventPayload<E>));
      } catch (error) {
        this.#log.error({ err: error, event }, 'a realtime handler failed');
        reply(fail('conflict', 'Something went wrong on the server. Please try again.'));
      }
    };
    (socket as unknown as { on(event: string, listener: (payload: unknown, ack: unknown) => void): void }).on(
      event,
      (payload, ack) => void listener(payload, ack),
    );
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#engine.handleUpgrade(request, socket, head);
  }

  handleRequest(request: IncomingMessage, response: ServerResponse): void {
    this.#engine.handleRequest(request, response);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}
