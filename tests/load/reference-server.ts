/**
 * The reference the load benchmark compares Kinboard with: the classic bare y-websocket server
 * (y-websocket@1.5.4's bin/utils.js `setupWSConnection`, installed as `y-websocket-reference`),
 * in memory only, on `ws`'s WebSocketServer over a plain HTTP server on 127.0.0.1, port 0.
 *
 * It serves `/yjs/<documentName>` (the same path Kinboard uses, so clients are identical) and
 * prints `reference: listening on http://127.0.0.1:PORT` once ready. SIGTERM/SIGINT stop it.
 *
 * Run by bench.ts as a child process: `node tests/load/reference-server.ts`.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';

interface ReferenceUtils {
  setupWSConnection(conn: unknown, request: http.IncomingMessage, options: { docName: string }): void;
  getPersistence(): unknown;
}

// Persistence (y-leveldb) and the HTTP callback are switched on by environment variables that
// the module reads when it loads, so they are checked before it is required.
for (const name of ['YPERSISTENCE', 'CALLBACK_URL']) {
  if (process.env[name] !== undefined) {
    process.stderr.write(`reference: refusing to start with ${name} set; the reference is in-memory only\n`);
    process.exit(2);
  }
}

const require = createRequire(import.meta.url);
const utils = require('y-websocket-reference/bin/utils') as ReferenceUtils;
if (utils.getPersistence() !== null) {
  process.stderr.write('reference: persistence is configured; the reference must be in-memory only\n');
  process.exit(2);
}
// Which yjs the reference resolved, so the benchmark can show it runs the same major (13).
const yjsPath = require.resolve('yjs', { paths: [require.resolve('y-websocket-reference/bin/utils')] });
const yjsVersion = (
  require(yjsPath.replace(/dist[\\/]yjs\.cjs$/, 'package.json')) as {
    version: string;
  }
).version;

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('y-websocket reference server\n');
});
const wss = new WebSocketServer({ noServer: true });

server.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (!url.pathname.startsWith('/yjs/')) {
    socket.destroy();
    return;
  }
  const docName = decodeURIComponent(url.pathname.slice('/yjs/'.length));
  wss.handleUpgrade(request, socket, head, (ws) => utils.setupWSConnection(ws, request, { docName }));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`reference: yjs ${yjsVersion}, persistence none\n`);
  process.stdout.write(`reference: listening on http://127.0.0.1:${port}\n`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
