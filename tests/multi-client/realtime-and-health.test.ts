import { protocolVersion } from '@kinboard/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('socket.io and /healthz on the sync port', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const connect = (auth: Record<string, unknown>) => {
    const socket = io(server.url, { transports: ['websocket'], auth, reconnection: false });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[RT1] a client speaking the current protocol receives server:hello', async () => {
    const socket = connect({ protocolVersion });
    const hello = await new Promise<unknown>((resolve, reject) => {
      socket.once('server:hello', resolve);
      socket.once('connect_error', reject);
    });
    expect(hello).toEqual({ protocolVersion });
    expect(socket.connected).toBe(true);
  });

  it.each([
    ['an older protocol', { protocolVersion: 0 }],
    ['no protocol version', {}],
  ])('[RT1] a client with %s is refused at connect', async (_label, auth) => {
    const socket = connect(auth);
    let hello = false;
    socket.on('server:hello', () => (hello = true));
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toMatch(/too old/);
    expect(socket.connected).toBe(false);
    expect(hello).toBe(false);
  });

  it('[HTTP1] /healthz answers 200 JSON while the store is healthy', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok', store: 'ok' });
  });
});
