import { describe, expect, it } from 'vitest';
import { ok } from './reply.ts';
import { matchRoute, route } from './router.ts';

const handler = async () => ok({});
const routes = [
  route('GET', '/api/meetings/:id', handler),
  route('POST', '/api/meetings/:id/participants/:pid/admit', handler),
  route('DELETE', '/api/session', handler),
];

describe('API routes', () => {
  it('match whole paths and name their segments', () => {
    expect(matchRoute(routes, 'POST', '/api/meetings/m-1/participants/p%2D2/admit')).toMatchObject({
      params: { id: 'm-1', pid: 'p-2' },
    });
    expect(matchRoute(routes, 'GET', '/api/meetings/m-1/extra')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/meetings/')).toBeUndefined();
  });

  it('tell a wrong method (405) from an unknown path (404)', () => {
    expect(matchRoute(routes, 'GET', '/api/session')).toEqual({ allowed: ['DELETE'] });
    expect(matchRoute(routes, 'GET', '/api/nothing')).toBeUndefined();
  });

  it('refuse a segment that is not valid percent-encoding, or too long', () => {
    expect(matchRoute(routes, 'GET', '/api/meetings/%E0%A4%A')).toBeUndefined();
    expect(matchRoute(routes, 'GET', `/api/meetings/${'a'.repeat(101)}`)).toBeUndefined();
  });
});
