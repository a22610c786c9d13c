import type { IncomingHttpHeaders } from 'node:http';

/** The staff session: sent back on every request until it expires or the person signs out. */
export const staffCookieName = 'kinboard_session';
/** A guest's pass to one meeting: no Max-Age, so it dies with the browser session. */
export const guestCookieName = 'kinboard_guest';
/** A network pass between meetings [PASS3]: no Max-Age, and sent only to `/api/pass`. */
export const networkPassCookieName = 'kinboard_pass';

export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    if (part.slice(0, equals).trim() !== name) continue;
    const value = part.slice(equals + 1).trim();
    return value.length > 0 && value.length <= 512 ? value : undefined;
  }
  return undefined;
}

export interface CookieOptions {
  /** Seconds; leave out for a cookie that ends with the browser session. */
  maxAge?: number | undefined;
  secure: boolean;
  /** Where the browser sends it; the whole site unless told. */
  path?: string | undefined;
}

/** httpOnly (scripts never see it), SameSite=Lax (no cross-site posts), whole-site path. */
export function setCookieHeader(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearCookieHeader(name: string, options: { secure: boolean; path?: string }): string {
  return setCookieHeader(name, '', { maxAge: 0, secure: options.secure, path: options.path });
}
