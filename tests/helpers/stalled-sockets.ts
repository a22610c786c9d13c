import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A raw TCP connection to the server, and what it received until the server ended it. */
export interface RawTcp {
  socket: Socket;
  received(): Buffer;
  /** Resolves when the server has closed the connection, with when (ms since the epoch). */
  closed: Promise<number>;
}

/** Opens a TCP connection and writes `first` (possibly nothing, possibly half a request). */
export async function openTcp(port: number, first = ''): Promise<RawTcp> {
  const socket = connect(port, '127.0.0.1');
  let data = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  if (first) socket.write(first);
  return { socket, received: () => data, closed };
}

/** A complete WebSocket upgrade request for `path`, as a browser would send it. */
export function upgradeRequest(port: number, path: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The close code of the first close frame the server sent after its 101 answer (server frames
 * are unmasked), or undefined if it sent none.
 */
export function closeCodeIn(received: Buffer): number | undefined {
  const headerEnd = received.indexOf('\r\n\r\n');
  if (headerEnd < 0) return undefined;
  let at = headerEnd + 4;
  while (at + 2 <= received.length) {
    const opcode = received[at]! & 0x0f;
    let length = received[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = received.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(received.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? received.readUInt16BE(start) : undefined;
    at = start + length;
  }
  return undefined;
}
