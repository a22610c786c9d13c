import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * The built SvelteKit app, through adapter-node's handler. Without a build (integration tests
 * of the API and sync alone) pages answer 503 with a plain explanation.
 */
export async function loadWebApp(buildDir: string): Promise<RequestHandler> {
  const handlerFile = path.join(buildDir, 'handler.js');
  if (!existsSync(handlerFile)) {
    return (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The Kinboard web app has not been built. Run: pnpm build\n');
    };
  }
  const module = (await import(pathToFileURL(handlerFile).href)) as { handler: RequestHandler };
  return module.handler;
}
