import type { Namespace, ServerOptions } from 'socket.io';
import { SessionAwareAdapter, type Adapter } from 'socket.io-adapter';
import type { KinboardSocket, SocketData } from './sockets.ts';

type AdapterConstructor = NonNullable<ServerOptions['adapter']>;

/** How long a dropped screen's rooms and missed broadcasts are kept for it. */
export const maxDisconnectionDuration = 2 * 60 * 1000;

/** socket.io's EVENT packet type (socket.io-parser's `PacketType.EVENT`). */
const eventPacket = 2;

/**
 * Missed broadcasts of recovered sessions, held back until the session has been decided again
 * [ACCESS21]. socket.io writes a recovered session's missed packets to the wire while it builds
 * the socket, before any middleware runs; the adapter below hands it none, and keeps them here
 * by the restored `socket.data` (the very object socket.io puts on the socket), so they go
 * when the socket has passed the checks, and with it when it has not.
 */
export class HeldMissedPackets {
  readonly #held = new WeakMap<object, unknown[][]>();

  /** socket.io's adapter (given, or the one-server default), withholding missed packets. */
  adapter(inner: AdapterConstructor | undefined): AdapterConstructor {
    const Inner = inner ?? SessionAwareAdapter;
    const held = this.#held;
    // socket.io calls this with `new`; an object returned from a constructor function is the result.
    function HoldingAdapter(nsp: Namespace): Adapter {
      const adapter = new (Inner as new (nsp: Namespace) => Adapter)(nsp);
      const restore = adapter.restoreSession.bind(adapter);
      adapter.restoreSession = async (pid, offset) => {
        const session = await restore(pid, offset);
        if (!session) return session;
        held.set(session.data as object, session.missedPackets);
        return { ...session, missedPackets: [] };
      };
      return adapter;
    }
    return HoldingAdapter as unknown as AdapterConstructor;
  }

  /** The recovered socket's missed packets, once: later calls get none. */
  take(data: SocketData): unknown[][] {
    const packets = this.#held.get(data) ?? [];
    this.#held.delete(data);
    return packets;
  }

  /** Sends them as socket.io would have, offsets included (`Socket#packet`, left out of its types). */
  static deliver(socket: KinboardSocket, packets: unknown[][]): void {
    const writer = socket as unknown as { packet(packet: { type: number; data: unknown[] }): void };
    for (const data of packets) writer.packet({ type: eventPacket, data });
  }
}
