import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

export const metricsPath = '/metrics';

/**
 * GET /metrics on the main port [OPS1]: only with METRICS_TOKEN, and only to a request that
 * carries it as a bearer token (compared in constant time). Without the token set the path is
 * not there at all (404), so an unconfigured server says nothing about itself.
 */
export async function serveMetricsWithToken(
  request: IncomingMessage,
  response: ServerResponse,
  metrics: Metrics | undefined,
  token: string | undefined,
): Promise<void> {
  if (!metrics || token === undefined) return plain(response, 404, 'Not found\n');
  if (!bearerMatches(request.headers.authorization, token)) {
    response.setHeader('www-authenticate', 'Bearer realm="metrics"');
    return plain(response, 401, 'The figures need the metrics token.\n');
  }
  await send(request, response, metrics);
}

/**
 * METRICS_PORT: the figures on a port of their own, on 127.0.0.1 only, for a scraper on the
 * same machine (or a sidecar); nothing else is served there.
 */
export async function startMetricsServer(
  metrics: Metrics,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== metricsPath) return plain(response, 404, 'Not found\n');
    send(request, response, metrics).catch(() => plain(response, 500, 'Could not read the figures.\n'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function send(request: IncomingMessage, response: ServerResponse, metrics: Metrics): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return plain(response, 405, 'Use GET.\n');
  }
  const body = await metrics.registry.metrics();
  response.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
