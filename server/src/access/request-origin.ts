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

/**
 * The key a throttle counts an address under. One IPv6 host usually holds a whole /64, so an
 * IPv6 address counts as its /64: otherwise each guess could come from a fresh address.
 * IPv4-mapped IPv6 addresses count as the IPv4 address.
 */
export function throttleKeyOfAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Whether the browser reached us over https, which decides the cookies' Secure flag. */
export function cameOverHttps(request: IncomingMessage, trustProxy: boolean): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted === true) return true;
  return trustProxy && headerValue(request.headers['x-forwarded-proto'])?.split(',')[0]?.trim() === 'https';
}

/**
 * Whether a browser's Origin names this very server: scheme, host and port, as the browser
 * reached it (https only when the connection is TLS, or a trusted proxy says so) [ACCESS29].
 * No Origin (not a browser) counts as the same; `null` or anything unreadable does not.
 */
export function isSameOrigin(request: IncomingMessage, trustProxy: boolean): boolean {
  const origin = headerValue(request.headers.origin);
  if (origin === undefined) return true;
  const host = request.headers.host;
  if (!host) return false;
  try {
    const ours = new URL(`${cameOverHttps(request, trustProxy) ? 'https' : 'http'}://${host}`).origin;
    return new URL(origin).origin === ours;
  } catch {
    return false;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}
