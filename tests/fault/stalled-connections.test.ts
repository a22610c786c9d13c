import { closeCodes } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { closeCodeIn, openTcp, upgradeRequest } from '../helpers/stalled-sockets.ts';
import { adminPassword, Browser } from '../multi-client/access-http.ts';

/**
 * [ACCESS26] Each layer bounds a connection that has not yet said who it is: raw TCP sockets
 * (node:net) that stall at each step are closed by the server within a few seconds, not the
 * 60-75 s Node, ws and socket.io would otherwise allow. Generous waits (the machine is shared);
 * the measured figures are printed.
 */
describe('connections that stall before they are authorised are closed [ACCESS26]', () => {
  let server: TestServer;
  let cookie: string;
  let meetingId: string;

  beforeAll(async () => {
    server = await startServer({
      env: { REQUIRE_SIGN_IN: 'true', ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: adminPassword },
    });
    const admin = new Browser(server);
    await admin.post('/api/session', { email: 'admin@example.org', password: adminPassword });
    cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const familyId = (await admin.post('/api/families', { name: 'Hollis' })).body.family.id;
    const made = await admin.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title: 'Stalled',
    });
    meetingId = made.body.meeting.id;
    await admin.post(`/api/meetings/${meetingId}/open`);
  });
  afterAll(async () => {
    await server.dispose();
  });

  const within = 20_000;
  const report = (layer: string, from: number, at: number) =>
    console.log(`kinboard: ${layer}: closed ${at - from} ms after the connection stalled`);

  it('an idle TCP socket that never sends a byte', async () => {
    const from = Date.now();
    const tcp = await openTcp(server.port);
    const at = await tcp.closed;
    report('idle TCP socket', from, at);
    expect(at - from).toBeLessThan(within);
  }, 30_000);

  it('HTTP headers that never finish', async () => {
    const from = Date.now();
    const tcp = await openTcp(server.port, `GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1`);
    const at = await tcp.closed;
    report('half-sent HTTP headers', from, at);
    expect(tcp.received().toString()).not.toContain('200 OK');
    expect(at - from).toBeLessThan(within);
  }, 30_000);

  it('a WebSocket upgrade request sent by halves, to the sync endpoint and to socket.io', async () => {
    for (const path of [`/yjs/${meetingId}.map`, '/socket.io/?EIO=4&transport=websocket']) {
      const whole = upgradeRequest(server.port, path, { Cookie: cookie });
      const from = Date.now();
      const tcp = await openTcp(server.port, whole.slice(0, whole.length - 20));
      const at = await tcp.closed;
      report(`half-sent upgrade (${path.split('?')[0]})`, from, at);
      expect(tcp.received().toString()).not.toContain('101 Switching Protocols');
      expect(at - from).toBeLessThan(within);
    }
  }, 60_000);

  it('an engine.io socket that never sends socket.io’s CONNECT', async () => {
    const from = Date.now();
    const tcp = await openTcp(
      server.port,
      upgradeRequest(server.port, '/socket.io/?EIO=4&transport=websocket'),
    );
    const at = await tcp.closed;
    report('engine.io without CONNECT', from, at);
    // The upgrade itself was answered: the bound is socket.io's, not the HTTP layer's.
    expect(tcp.received().toString()).toContain('101 Switching Protocols');
    expect(at - from).toBeLessThan(within);
  }, 30_000);

  it('a sync connection that never sends its first sync message closes with 4408', async () => {
    const from = Date.now();
    const tcp = await openTcp(
      server.port,
      upgradeRequest(server.port, `/yjs/${meetingId}.map`, { Cookie: cookie }),
    );
    const at = await tcp.closed;
    report('sync without a first step', from, at);
    expect(tcp.received().toString()).toContain('101 Switching Protocols');
    expect(closeCodeIn(tcp.received())).toBe(closeCodes.timedOut);
    expect(at - from).toBeLessThan(within);
  }, 30_000);
});
