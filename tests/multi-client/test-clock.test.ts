import { afterEach, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { signInStaff, startSignedInServer } from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';

const day = 24 * 3_600_000;

describe('a clock tests can move on [CLOCK1]', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('with TEST_CLOCK the server’s days move on, forwards only, and what it dates follows', async () => {
    server = await startSignedInServer({ TEST_CLOCK: 'true' });
    const anyone = new Browser(server, '203.0.113.7');
    const before = Date.now();
    const moved = await anyone.post('/api/test-clock', { advanceByMs: 3 * day });
    expect(moved.status).toBe(200);
    expect(moved.body.now).toBeGreaterThanOrEqual(before + 3 * day);
    expect((await anyone.post('/api/test-clock', { advanceByMs: -day })).status).toBe(400);
    // A session begun now is dated by the moved clock: it is still good three days on.
    const { browser } = await signInStaff(server, '203.0.113.8');
    expect((await browser.get('/api/session')).status).toBe(200);
  });

  it('without it there is no such route', async () => {
    server = await startSignedInServer();
    const anyone = new Browser(server, '203.0.113.7');
    const refused = await anyone.post('/api/test-clock', { advanceByMs: day });
    expect(refused.status).toBe(404);
  });
});
