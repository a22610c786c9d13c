import type {
  AccessEnded,
  ClientToServerEvents,
  ParticipantRole,
  ScreenKind,
  ServerToClientEvents,
} from '@kinboard/shared';
import type { Server, Socket } from 'socket.io';

export interface SocketData {
  meetingId?: string;
  /** The screen it entered as, so a recovered socket can be decided again [ACCESS21]. */
  screen?: ScreenKind;
  role?: ParticipantRole;
  /** Who the socket is, once it entered a meeting and access knew it [ACCESS17]. */
  staffId?: string;
  participantId?: string;
  /** The screen declared itself the projector: its role stays read-only whatever happens. */
  lowered?: boolean;
}
export type KinboardSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type KinboardServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** The meeting's staff screens: they hear the lobby. */
export const staffRoom = (meetingId: string) => `meeting:${meetingId}:staff`;

/** socket.io-parser's packet type of an event. */
const eventPacket = 2;

/**
 * Tells the socket why its access ended, then disconnects it [ACCESS22]. The notice is written
 * straight to the socket: with connection-state recovery, `socket.emit` goes through the adapter
 * (Redis, asynchronously), and would arrive after the disconnect, that is never.
 */
export function endSocket(socket: KinboardSocket, notice: AccessEnded): void {
  (socket as unknown as { packet(packet: { type: number; data: unknown[] }): void }).packet({
    type: eventPacket,
    data: ['access:ended', notice],
  });
  socket.data = {};
  socket.disconnect(true);
}
