import type { IncomingMessage } from 'node:http';

/**
 * Where a request came from. X-Forwarded-* are believed only with TRUST_PROXY, since anyone can
 * send them: otherwise an attacker could pick a fresh "address" for every guess.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw; the rightmost entry is the one it vouches for.
    const forwarded = headerValue(request.headers['x-forwarded-for']);
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/** Whether the browser reached us over https, which decides the cookies' Secure flag. */
export function cameOverHttps(request: IncomingMessage, trustProxy: boolean): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted === true) return true;
  return trustProxy && headerValue(request.headers['x-forwarded-proto'])?.split(',')[0]?.trim() === 'https';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}
