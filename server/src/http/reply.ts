import type { ServerResponse } from 'node:http';

/**
 * An API answer as a value: handlers return one (expected failures included) and the router
 * sends it. Every error body is `{ error, message, field? }`, the message a plain sentence a
 * screen can show as it is.
 */
export class Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string | string[]>;

  constructor(status: number, body: unknown, headers: Record<string, string | string[]> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  withCookie(setCookie: string): Reply {
    const existing = this.headers['set-cookie'];
    const cookies = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    return new Reply(this.status, this.body, { ...this.headers, 'set-cookie': [...cookies, setCookie] });
  }
}

/**
 * An answer that stays open (server-sent events): `start` writes its headers and events, and
 * ends it when it must [PASS5].
 */
export class StreamReply extends Reply {
  readonly start: (response: ServerResponse) => void;

  constructor(start: (response: ServerResponse) => void) {
    super(200, undefined);
    this.start = start;
  }
}

const failure = (status: number, error: string, message: string, extra: Record<string, unknown> = {}) =>
  new Reply(status, { error, message, ...extra });

export const ok = (body: unknown) => new Reply(200, body);
export const created = (body: unknown) => new Reply(201, body);
export const badRequest = (message: string, field?: string) =>
  failure(400, 'bad-request', message, field === undefined ? {} : { field });
export const signInNeeded = (message = 'Sign in first.') => failure(401, 'not-signed-in', message);
export const forbidden = (message: string) => failure(403, 'forbidden', message);
export const notFound = (message: string) => failure(404, 'not-found', message);
export const conflict = (message: string) => failure(409, 'conflict', message);
export const tooMany = (retryAfterMs: number, message: string) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new Reply(
    429,
    { error: 'too-many', message, retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
};

/**
 * A file to download. The name is ASCII for every browser, and also given UTF-8 encoded for
 * those that read it (RFC 6266); `no-store` because a plan is about a child.
 */
export const fileReply = (body: Uint8Array, contentType: string, filename: string) => {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Reply(200, body, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'cache-control': 'no-store',
  });
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export function sendReply(response: ServerResponse, reply: Reply): void {
  if (reply instanceof StreamReply) return reply.start(response);
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  if (reply.body instanceof Uint8Array) {
    response.writeHead(reply.status, { 'content-length': reply.body.byteLength });
    response.end(reply.body);
    return;
  }
  sendJson(response, reply.status, reply.body);
}
