import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  fail,
  maxEventBytes,
  ok,
  oldestSupportedProtocolVersion,
  protocolVersion,
  type ClientEventName,
  type ClientEventPayload,
  type MeetingLiveState,
  type Result,
} from '@kinboard/shared';
import { Server as EngineServer } from 'engine.io';
import { Server, type ServerOptions } from 'socket.io';
import type { MeetingNewsChannel } from '../cluster/meeting-news.ts';
import type { Access } from '../access/access.ts';
import { connectionBounds } from '../http/connection-bounds.ts';
import type { Logger } from '../log.ts';
import type { MetricsFeed } from '../ops/metrics.ts';
import type { Store } from '../store/store.ts';
import { onClientEvent } from './client-event.ts';
import { EventGuard, refusingParser } from './event-guard.ts';
import { HeldMissedPackets, maxDisconnectionDuration } from './connection-recovery.ts';
import { MeetingLiveStates } from './meeting-live-states.ts';
import { registerPlanEvents, type PlanEventDeps } from './plan-events.ts';
import { RealtimeAccess } from './realtime-access.ts';
import { ScalingEvents } from './scaling-events.ts';
import { meetingRoom, staffRoom, type KinboardServer, type KinboardSocket } from './sockets.ts';

export const socketIoPath = '/socket.io/';
/** How long a closed socket waits for the client to answer the close [ACCESS26]. */
const closeHandshakeMs = 2_000;

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
  readonly #live: MeetingLiveStates;
  readonly #access: RealtimeAccess;
  readonly #scaling: ScalingEvents;
  readonly #plan: PlanEventDeps | undefined;
  readonly #guard: EventGuard;
  readonly #metrics: MetricsFeed | undefined;

  constructor(options: {
    log: Logger;
    store: Store;
    access: Access;
    /** REQUIRE_SIGN_IN: roles come from sign-in and admission, and nobody else enters. */
    requireSignIn: boolean;
    /** The live states, shared with the sync layer, which enforces column locks [ACCESS20]. */
    live?: MeetingLiveStates;
    /** The safety plan's events, when the server has the plan's stages and documents [PLAN2]. */
    plan?: Omit<PlanEventDeps, 'store' | 'log' | 'audit'>;
    /** Several servers: socket.io's Redis streams adapter, and news of what the others decided. */
    adapter?: ServerOptions['adapter'] | undefined;
    news?: MeetingNewsChannel | undefined;
    /** The operator's figures [OPS1]; absent when they are off. */
    metrics?: MetricsFeed | undefined;
  }) {
    this.#metrics = options.metrics;
    this.#plan = options.plan && {
      ...options.plan,
      store: options.store,
      log: options.log,
      audit: options.access.audit,
    };
    this.#live = options.live ?? new MeetingLiveStates(options.store, Date.now, undefined, options.log);
    this.#store = options.store;
    this.#log = options.log;
    this.#engine = new EngineServer({
      transports: ['websocket'],
      // The largest real event fits well inside; larger packets close the connection [ACCESS35].
      maxHttpBufferSize: maxEventBytes,
    });
    // ws waits 30 s for the peer's answer to a close; a peer that never answers is cut sooner.
    this.#engine.on(
      'connection',
      (engineSocket: { transport: unknown; once(event: 'close', listener: () => void): void }) =>
        engineSocket.once('close', () => {
          const ws = (engineSocket.transport as { socket?: { terminate?(): void } }).socket;
          setTimeout(() => ws?.terminate?.(), closeHandshakeMs).unref();
        }),
    );
    const held = new HeldMissedPackets();
    this.io = new Server({
      path: socketIoPath,
      transports: ['websocket'],
      serveClient: false,
      // An engine.io socket that never sends CONNECT is closed [ACCESS26].
      connectTimeout: connectionBounds.socketIoConnectMs,
      // A screen that dropped off for a moment gets its rooms and what it missed, once it has
      // been decided again like a new socket: every middleware runs [ACCESS21].
      connectionStateRecovery: { maxDisconnectionDuration, skipMiddlewares: false },
      adapter: held.adapter(options.adapter),
      parser: refusingParser,
    });
    this.io.bind(this.#engine);
    this.#access = new RealtimeAccess({
      io: this.io,
      access: options.access,
      store: options.store,
      log: options.log,
      requireSignIn: options.requireSignIn,
    });
    this.io.use((socket, next) => {
      const version = Number(socket.handshake.auth['protocolVersion']);
      if (!Number.isInteger(version) || version < oldestSupportedProtocolVersion) {
        next(new Error('too old: reload the page'));
        return;
      }
      next();
    });
    // Nobody without a session or a guest pass holds a socket open [ACCESS17].
    this.io.use((socket, next) => {
      this.#access.mayConnect(socket).then(
        (allowed) => {
          if (!allowed) this.#refused('not-admitted');
          next(allowed ? undefined : new Error('not-admitted'));
        },
        (error: unknown) => next(error instanceof Error ? error : new Error('server-error')),
      );
    });
    // Last, so a recovered socket is first known to hold a session or a pass [ACCESS21].
    this.io.use((socket, next) => {
      if (!socket.recovered) {
        next();
        return;
      }
      const missed = held.take(socket.data);
      this.#access.keepsRecoveredEntry(socket).then(
        (kept) => {
          // As socket.io itself sends them: ahead of the connection, which the client waits for.
          if (kept) HeldMissedPackets.deliver(socket, missed);
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error('server-error')),
      );
    });
    this.#scaling = new ScalingEvents({
      io: this.io,
      store: options.store,
      log: options.log,
      audit: options.access.audit,
      news: options.news,
    });
    this.#guard = new EventGuard({ audit: options.access.audit, store: options.store, log: options.log });
    this.io.on('connection', (socket) => this.#onConnection(socket));
    // Broadcasts and news from other servers were lost while Redis was away: every meeting with
    // screens here is sent its live state, scaling round and lobby again, as the store has them.
    options.news?.onGap(() => void this.#resendAfterGap());
  }

  async #resendAfterGap(): Promise<void> {
    const meetingIds = new Set<string>();
    for (const socket of this.io.of('/').sockets.values())
      if (socket.data.meetingId) meetingIds.add(socket.data.meetingId);
    for (const meetingId of meetingIds) {
      try {
        this.io.local.to(meetingRoom(meetingId)).emit('meeting:state', await this.#live.fresh(meetingId));
        await this.#scaling.resend(meetingId);
        await this.#access.resendLobby(meetingId);
      } catch (error) {
        this.#log.error({ err: error, meetingId }, 'could not resend a meeting after Redis returned');
      }
    }
  }

  #onConnection(socket: KinboardSocket): void {
    this.#access.watch(socket);
    this.#guard.watch(socket);
    socket.emit('server:hello', { protocolVersion });
    const live = this.#live;
    this.#handle(socket, 'meeting:enter', async ({ meetingId, screen }) => {
      // Decided before the meeting is looked up, so ids cannot be probed [ACCESS9].
      let decidedAt = this.#access.changes;
      let entry = await this.#access.identify(socket, meetingId, screen);
      if (entry.kind === 'refused') return this.#refused(entry.result);
      const meeting = await this.#store.getMeeting(meetingId);
      if (!meeting) return fail('not-found', 'There is no meeting with that link.');
      if (meeting.state === 'closed') return fail('not-found', 'This meeting has finished.');
      for (const room of socket.rooms) if (room !== socket.id) await socket.leave(room);
      socket.data = { meetingId, meetingType: meeting.type, screen, ...entry.data };
      // Access changed while this was decided (the chair turned them away in that instant):
      // decide again. From here on the socket carries who it is, so later changes reach it.
      while (decidedAt !== this.#access.changes) {
        decidedAt = this.#access.changes;
        entry = await this.#access.identify(socket, meetingId, screen);
        if (entry.kind === 'refused') {
          socket.data = {};
          return this.#refused(entry.result);
        }
        socket.data = { meetingId, meetingType: meeting.type, screen, ...entry.data };
      }
      await this.#access.recordEntry(socket, meeting.familyId);
      await socket.join(meetingRoom(meetingId));
      if (entry.data.staffId && entry.data.role === 'staff') await socket.join(staffRoom(meetingId));
      return ok(await live.get(meetingId));
    });
    this.#handleChair(socket, 'chair:focus', (meetingId, { focus }) => live.focus(meetingId, focus));
    this.#handleChair(socket, 'chair:undo-focus', (meetingId) => live.undoFocus(meetingId));
    this.#handleChair(socket, 'chair:follow', (meetingId, { follow }) => live.follow(meetingId, follow));
    this.#handleChair(socket, 'chair:lock', (meetingId, { column, locked }) =>
      live.lock(meetingId, column, locked),
    );
    this.#handleChair(socket, 'chair:timer', (meetingId, command) => live.timer(meetingId, command));
    this.#scaling.register(socket);
    if (this.#plan) registerPlanEvents(socket, this.io, this.#plan);
  }

  /**
   * A chair control: acts on the socket's meeting and, once the new state is stored [LIVE6],
   * acknowledges it and broadcasts it to every screen in it.
   */
  #handleChair<E extends Exclude<ClientEventName, 'meeting:enter'>>(
    socket: KinboardSocket,
    event: E,
    act: (meetingId: string, payload: ClientEventPayload<E>) => Promise<MeetingLiveState>,
  ): void {
    this.#handle(socket, event, async (payload) => {
      const meetingId = socket.data.meetingId!;
      const state = await act(meetingId, payload);
      socket.to(meetingRoom(meetingId)).emit('meeting:state', state);
      return ok(state);
    });
  }

  #handle<E extends ClientEventName, T>(
    socket: KinboardSocket,
    event: E,
    act: (payload: ClientEventPayload<E>) => Promise<Result<T>>,
  ): void {
    onClientEvent(socket, event, this.#log, act);
  }

  /** Counts a refusal by its code for the operator's figures, and passes it on. */
  #refused<R extends string | Result<never>>(refusal: R): R {
    const code = typeof refusal === 'string' ? refusal : refusal.ok ? 'none' : refusal.code;
    this.#metrics?.refusals.inc({ transport: 'socketio', code });
    return refusal;
  }

  /** The open sockets' meetings and role kinds, for the operator's figures [OPS1]. */
  *counted(): Iterable<{ meetingId: string | undefined; role: string }> {
    for (const socket of this.io.of('/').sockets.values())
      yield { meetingId: socket.data.meetingId, role: socket.data.role ?? 'none' };
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
