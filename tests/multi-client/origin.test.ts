import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../helpers/server.ts';

/** The HTTP status the upgrade got: 101 if the socket opened, else the refusal's status. */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

describe('WebSocket upgrades and Origin', () => {
  let server: TestServer;
  let endpoints: [string, string][];

  beforeAll(async () => {
    server = await startServer();
    endpoints = [
      ['sync', `${server.wsUrl}/yjs/demo-hollis.map`],
      ['socket.io', `${server.wsUrl}/socket.io/?EIO=4&transport=websocket`],
    ];
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[SYNC10] an Origin naming another host is refused with 403 on both endpoints', async () => {
    for (const [, url] of endpoints) {
      expect(await upgradeStatus(url, 'http://evil.example')).toBe(403);
      // Same host name, other port: another origin.
      expect(await upgradeStatus(url, `http://127.0.0.1:${server.port + 1}`)).toBe(403);
      expect(await upgradeStatus(url, 'not a url')).toBe(403);
      // Same host and port, another scheme: https is not this http server [ACCESS29].
      expect(await upgradeStatus(url, `https://127.0.0.1:${server.port}`)).toBe(403);
      expect(await upgradeStatus(url, 'null')).toBe(403);
    }
  });

  it('[ACCESS29] an API change with an Origin of another scheme, host or port is refused with 403; our own is not', async () => {
    const change = (origin: string) =>
      fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { origin } }).then(
        (answer) => answer.status,
      );
    for (const other of [
      `https://127.0.0.1:${server.port}`,
      `http://127.0.0.1:${server.port + 1}`,
      `http://localhost:${server.port}`,
      'null',
    ])
      expect(await change(other)).toBe(403);
    expect(await change(server.url)).toBe(200);
  });

  it('[SYNC10] the same origin, and no Origin at all, are accepted', async () => {
    for (const [, url] of endpoints) {
      expect(await upgradeStatus(url, server.url)).toBe(101);
      expect(await upgradeStatus(url)).toBe(101);
    }
  });
});
