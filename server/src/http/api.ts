import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSameOrigin } from '../access/request-origin.ts';
import { ApiContext, type ApiDeps } from './api-context.ts';
import { badRequest, forbidden, notFound, Reply, sendJson, sendReply } from './reply.ts';
import { matchRoute } from './router.ts';
import { exportRoutes } from './routes/export-routes.ts';
import { copyRoutes } from './routes/copy-routes.ts';
import { dueRoutes } from './routes/due-routes.ts';
import { drawingRoutes } from './routes/drawing-routes.ts';
import { erasureRoutes } from './routes/erasure-routes.ts';
import { familyRoutes } from './routes/family-routes.ts';
import { joinRoutes } from './routes/join-routes.ts';
import { meetingRoutes } from './routes/meeting-routes.ts';
import { passRoutes } from './routes/pass-routes.ts';
import { scalingRoutes } from './routes/scaling-routes.ts';
import { historyRoutes } from './routes/history-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import { testClockRoutes } from './routes/test-clock-routes.ts';
import { beforeMeetingRoutes } from './routes/before-meeting-routes.ts';
import { subjectAccessRoutes } from './routes/subject-access-routes.ts';

export { sendJson };
export type { ApiDeps };

/** Every API route; exported for the test that walks them all with a network pass [PASS6]. */
export const apiRoutes = [
  ...sessionRoutes,
  ...staffRoutes,
  ...familyRoutes,
  ...erasureRoutes,
  ...meetingRoutes,
  ...joinRoutes,
  ...scalingRoutes,
  ...historyRoutes,
  ...exportRoutes,
  ...drawingRoutes,
  ...testClockRoutes,
  ...passRoutes,
  ...copyRoutes,
  ...dueRoutes,
  ...beforeMeetingRoutes,
  ...subjectAccessRoutes,
];

/** The largest JSON body the API reads. */
const maxBodyBytes = 64 * 1024;

/** The HTTP API under /api/. Returns false when the path is not an API route. */
export async function handleApi(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  deps: ApiDeps,
): Promise<boolean> {
  if (!url.pathname.startsWith('/api/')) return false;
  const method = request.method ?? 'GET';
  const match = matchRoute(apiRoutes, method, url.pathname);
  if (!match) {
    sendReply(response, notFound('No such API route.'));
    return true;
  }
  if ('allowed' in match) {
    sendReply(
      response,
      new Reply(
        405,
        { error: 'method-not-allowed', message: 'That method is not used here.' },
        { allow: match.allowed.join(', ') },
      ),
    );
    return true;
  }
  const refused = refuseCrossSite(request, method, deps.trustProxy, match.route.acceptsForm === true);
  if (refused) {
    sendReply(response, refused);
    return true;
  }
  const body =
    method === 'GET' ? undefined : await readBody(request, match.route.maxBodyBytes ?? maxBodyBytes);
  if (body instanceof Reply) {
    sendReply(response, body);
    return true;
  }
  const context = new ApiContext(deps, request, url, match.params, body);
  sendReply(response, await match.route.handler(context));
  return true;
}

/**
 * A change (anything but GET) must come from our own pages: a browser sends Origin on such
 * requests, and it must name this server, scheme, host and port [ACCESS29]; a body must be JSON, which a cross-site form cannot send
 * without a CORS preflight that we never answer. Together with SameSite=Lax cookies this closes
 * cross-site request forgery [ACCESS10]. The one route a page posts as a plain form (asking to
 * join before the join page's script has come [LANG17]) still needs the Origin check.
 */
function refuseCrossSite(
  request: IncomingMessage,
  method: string,
  trustProxy: boolean,
  acceptsForm: boolean,
): Reply | undefined {
  if (method === 'GET') return undefined;
  if (!isSameOrigin(request, trustProxy)) return forbidden('Requests from other sites are refused.');
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const type = contentType(request);
  if (hasBody && type !== 'application/json' && !(acceptsForm && type === formType))
    return new Reply(415, { error: 'unsupported-media-type', message: 'Send the request as JSON.' });
  return undefined;
}

const formType = 'application/x-www-form-urlencoded';
const contentType = (request: IncomingMessage) =>
  request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();

/** JSON, or a form's fields as an object of strings (only where the route accepts forms). */
async function readBody(request: IncomingMessage, maxBodyBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes)
      return new Reply(413, { error: 'too-large', message: 'That request is too large.' });
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (contentType(request) === formType) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return badRequest('That request was not valid JSON.');
  }
}
