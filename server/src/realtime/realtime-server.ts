import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { oldestSupportedProtocolVersion, protocolVersion } from '@kinboard/shared';
import { Server as EngineServer } from 'engine.io';
import { Server } from 'socket.io';
import type { Logger } from '../log.ts';

export const socketIoPath = '/socket.io/';

/**
 * socket.io carries what the server must decide (lobby, roles, scaling rounds, the chair's
 * controls). Handlers follow one shape: validate -> authorise -> act -> broadcast. The transport
 * is WebSocket only: phones on one bar of signal reconnect faster without long-polling fallbacks.
 */
export class RealtimeServer {
  readonly io: Server;
  readonly #engine: EngineServer;

  constructor(options: { log: Logger; maxMessageBytes: number }) {
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
    this.io.on('connection', (socket) => {
      options.log.debug({ id: socket.id }, 'realtime connection');
      socket.emit('server:hello', { protocolVersion });
    });
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
