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
