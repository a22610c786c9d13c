import type { ClientToServerEvents, MeetingLiveState, Result, ServerToClientEvents } from '@kinboard/shared';
import { io, type Socket } from 'socket.io-client';

export type RealtimeClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket.io client as the web app connects: WebSocket only, with the protocol version, and the
 * browser's cookies (`cookie`) when given.
 */
export function connectRealtime(url: string, protocolVersion = 1, cookie?: string): RealtimeClient {
  return io(url, {
    transports: ['websocket'],
    auth: { protocolVersion },
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
}

/** Emits a request and resolves with its acknowledged Result. */
export function request(
  socket: RealtimeClient,
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<Result<MeetingLiveState>> {
  return new Promise((resolve) =>
    (
      socket.emit as (
        event: string,
        payload: unknown,
        ack: (result: Result<MeetingLiveState>) => void,
      ) => void
    )(event, payload, resolve),
  );
}

/**
 * A socket.io client that keeps its session across a dropped connection, as the web app's does,
 * but reconnects only when told (`socket.connect()`), so a test decides what happens meanwhile.
 */
export function connectRecoverable(url: string, cookie?: string): RealtimeClient {
  return io(url, {
    transports: ['websocket'],
    auth: { protocolVersion: 1 },
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
}

/** Cuts the connection under the socket (no socket.io goodbye), as a phone losing signal does. */
export function dropConnection(socket: RealtimeClient): Promise<void> {
  const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  socket.io.engine.close();
  return dropped;
}

/** Connects again and resolves once connected (recovered or not), or with the refusal. */
export function reconnect(socket: RealtimeClient): Promise<Error | undefined> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(undefined));
    socket.once('connect_error', (error) => resolve(error));
    socket.connect();
  });
}
