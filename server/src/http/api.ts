import type { IncomingMessage, ServerResponse } from 'node:http';
import { documentParts, formatDocumentName, meetingIdSchema } from '@kinboard/shared';
import type { Store } from '../store/store.ts';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** The HTTP API under /api/. Returns false when the path is not an API route. */
export async function handleApi(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  store: Store,
): Promise<boolean> {
  if (!url.pathname.startsWith('/api/')) return false;
  const meetingMatch = /^\/api\/meetings\/([^/]+)$/.exec(url.pathname);
  if (meetingMatch && request.method === 'GET') {
    // The id pattern has no characters that need escaping, so the raw path segment is checked as is.
    const meetingId = meetingIdSchema.safeParse(meetingMatch[1]);
    const meeting = meetingId.success ? await store.getMeeting(meetingId.data) : undefined;
    if (!meeting) {
      sendJson(response, 404, { error: 'not-found', message: 'There is no meeting with that link.' });
      return true;
    }
    const family = await store.getFamily(meeting.familyId);
    sendJson(response, 200, {
      meeting,
      family: family ? { id: family.id, name: family.name } : null,
      documents: Object.fromEntries(
        documentParts.map((part) => [part, formatDocumentName({ meetingId: meeting.id, part })]),
      ),
    });
    return true;
  }
  sendJson(response, 404, { error: 'not-found', message: 'No such API route.' });
  return true;
}
