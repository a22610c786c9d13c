import { describe, expect, it } from 'vitest';
import { deviceCookieFor, deviceCookieName, trustedDevice } from './device-cookies.ts';

const kim = { id: '6f1c2b1e-0000-4000-8000-000000000001', passwordHash: '$argon2id$v=19$kim' };
const sam = { id: '6f1c2b1e-0000-4000-8000-000000000002', passwordHash: '$argon2id$v=19$sam' };

/** The request headers of a browser that kept the cookie this Set-Cookie header set. */
const sentBack = (setCookie: string) => ({ cookie: setCookie.split(';')[0]! });

describe('device cookies', () => {
  it('[ACCESS3] are long-lived, httpOnly, and name the account they were given to', () => {
    const header = deviceCookieFor(kim, true);
    expect(header).toMatch(new RegExp(`^${deviceCookieName}=${kim.id}\\.`));
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/Max-Age=15552000/);
    expect(trustedDevice(sentBack(header), kim)).toMatch(/^[\w-]{22}$/);
  });

  it('[ACCESS3] count for nobody else, nor once forged, nor after the password changed', () => {
    const header = deviceCookieFor(kim, false);
    expect(trustedDevice(sentBack(header), sam)).toBeUndefined();
    expect(trustedDevice(sentBack(header), undefined)).toBeUndefined();
    expect(trustedDevice(sentBack(header), { ...kim, passwordHash: '$argon2id$v=19$new' })).toBeUndefined();
    const [name, value] = sentBack(header).cookie.split('=') as [string, string];
    const [id, nonce] = value.split('.');
    for (const forged of [
      `${id}.${nonce}.AAAA`,
      `${id}.${nonce}`,
      `${id}.other.${value.split('.')[2]}`,
      `${value}.x`,
    ])
      expect(trustedDevice({ cookie: `${name}=${forged}` }, kim)).toBeUndefined();
    expect(trustedDevice({}, kim)).toBeUndefined();
  });
});
