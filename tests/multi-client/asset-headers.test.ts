import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

/** Needs the web build (`pnpm --filter @kinboard/web build`), as the suite's runner makes first. */
describe('headers on the page and on its hashed files', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[LANG15] a script or stylesheet carries nosniff and a year of immutable cache, and the page keeps its own policies', async () => {
    const page = await fetch(`${server.url}/phone/demo-hollis`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const html = await page.text();
    const files = [...new Set(html.match(/\/_app\/immutable\/[\w./-]+\.(?:js|css)/g) ?? [])];
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('.css'))).toBe(true);
    for (const file of files) {
      const asset = await fetch(`${server.url}${file}`, { headers: { 'accept-encoding': 'br' } });
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('x-content-type-options'), file).toBe('nosniff');
      expect(asset.headers.get('cache-control'), file).toBe('public,max-age=31536000,immutable');
      expect(asset.headers.get('content-type'), file).toMatch(/^(text\/javascript|text\/css)/);
      expect(asset.headers.get('content-encoding'), file).toBe('br');
      for (const documentOnly of [
        'x-frame-options',
        'cross-origin-opener-policy',
        'permissions-policy',
        'referrer-policy',
        'etag',
        'last-modified',
      ])
        expect(asset.headers.get(documentOnly), `${file} ${documentOnly}`).toBeNull();
      await asset.arrayBuffer();
    }
  });
});
