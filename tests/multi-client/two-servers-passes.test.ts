import { closeCodes } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { startCluster, whyClusterUnavailable, type TestCluster } from '../helpers/cluster.ts';
import { openPassLine, openPassOn } from '../helpers/pass-holder.ts';
import type { TestServer } from '../helpers/server.ts';
import { adminPassword } from './access-http.ts';

const unavailable = await whyClusterUnavailable();

describe.skipIf(unavailable !== undefined)('[PASS5] a revoked pass is refused on every server', () => {
  let cluster: TestCluster;
  let a: TestServer;
  let b: TestServer;
  let staff: Browser;
  let familyId: string;

  beforeAll(async () => {
    cluster = await startCluster(2, {
      env: {
        REQUIRE_SIGN_IN: 'true',
        TRUST_PROXY: 'true',
        ADMIN_EMAIL: 'admin@example.org',
        ADMIN_PASSWORD: adminPassword,
      },
    });
    [a, b] = cluster.servers as [TestServer, TestServer];
    staff = new Browser(a, '10.50.0.1');
    await staff.post('/api/session', { email: 'admin@example.org', password: adminPassword });
    familyId = (await staff.post('/api/families', { name: 'Quenby' })).body.family.id;
  }, 180_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('revoking on one server closes the open pages on both within a second, and both refuse the pass after', async () => {
    const issued = await staff.post(`/api/families/${familyId}/passes`, {
      holderName: 'Gran Quenby',
      relationship: 'Grandmother',
      endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    const onA = await openPassOn(a, issued.body.link, '10.50.0.2');
    const onB = await openPassOn(b, issued.body.link, '10.50.0.3');
    const lines = [openPassLine(a, onA), openPassLine(b, onB)];
    await Promise.all(lines.map((line) => line.opened));
    const decided = Date.now();
    expect((await staff.post(`/api/families/${familyId}/passes/${issued.body.pass.id}/revoke`)).status).toBe(
      200,
    );
    for (const line of lines) {
      const ended = await line.ended;
      expect(ended?.code).toBe(closeCodes.notAdmitted);
      expect(ended!.at - decided).toBeLessThan(1000);
    }
    for (const [server, phone] of [
      [a, onA],
      [b, onB],
    ] as const) {
      expect((await phone.get('/api/pass')).status).toBe(410);
      expect(
        (await new Browser(server, '10.50.0.4').post('/api/pass/open', { token: issued.body.link.slice(6) }))
          .status,
      ).toBe(410);
    }
  });
});
