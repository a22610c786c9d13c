import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clearCookieHeader, readCookie, setCookieHeader } from './cookies.ts';
import { cameOverHttps, clientAddress, throttleKeyOfAddress } from './request-origin.ts';

const request = (headers: Record<string, string>, remoteAddress = '10.0.0.5') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('where a request came from', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY is on, so a guesser cannot pick a fresh address', () => {
    const forged = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(clientAddress(forged, false)).toBe('10.0.0.5');
    // Behind our proxy, the address it appended (the rightmost) is the one it saw.
    expect(clientAddress(forged, true)).toBe('203.0.113.7');
    expect(clientAddress(request({}), true)).toBe('10.0.0.5');
  });

  it('counts an IPv6 address as its /64, and an IPv4-mapped one as IPv4', () => {
    expect(throttleKeyOfAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleKeyOfAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleKeyOfAddress('2001:db8:0:12:a::1')).toBe('2001:db8:0:12::/64');
    expect(throttleKeyOfAddress('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(throttleKeyOfAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleKeyOfAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleKeyOfAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('believes X-Forwarded-Proto only behind a trusted proxy', () => {
    expect(cameOverHttps(request({ 'x-forwarded-proto': 'https' }), false)).toBe(false);
    expect(cameOverHttps(request({ 'x-forwarded-proto': 'https' }), true)).toBe(true);
    expect(cameOverHttps(request({ 'x-forwarded-proto': 'http' }), true)).toBe(false);
  });
});

describe('cookies', () => {
  it('are read by exact name from the Cookie header', () => {
    const headers = { cookie: 'other=1; kinboard_session=abc; kinboard_session_old=zzz' };
    expect(readCookie(headers, 'kinboard_session')).toBe('abc');
    expect(readCookie(headers, 'kinboard_guest')).toBeUndefined();
    expect(readCookie({ cookie: 'kinboard_session=' }, 'kinboard_session')).toBeUndefined();
    expect(readCookie({}, 'kinboard_session')).toBeUndefined();
  });

  it('are httpOnly and SameSite=Lax, Secure when asked, and session-long without a Max-Age', () => {
    expect(setCookieHeader('kinboard_guest', 'p.s', { secure: false })).toBe(
      'kinboard_guest=p.s; Path=/; HttpOnly; SameSite=Lax',
    );
    expect(setCookieHeader('kinboard_session', 't', { secure: true, maxAge: 60 })).toBe(
      'kinboard_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure',
    );
    expect(clearCookieHeader('kinboard_session', { secure: false })).toMatch(
      /^kinboard_session=; .*Max-Age=0/,
    );
  });
});
