import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { adminPassword, auditRows, Browser, serviceAudit } from './access-http.ts';

const day = 86_400_000;

describe("the audit log's sealed sign-in details go with their day's key (the real server)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        TEST_CLOCK: 'true',
        ADMIN_EMAIL: 'ada.admin@example.org',
        ADMIN_PASSWORD: adminPassword,
        AUDIT_DETAILS_KEPT_DAYS: '1',
        RETENTION_CHECK_SECONDS: '1',
      },
    });
  }, 90_000);
  afterAll(async () => {
    await server?.dispose();
  });

  const signedIn = async () => {
    const admin = new Browser(server);
    expect(
      (await admin.post('/api/session', { email: 'ada.admin@example.org', password: adminPassword })).status,
    ).toBe(200);
    return admin;
  };

  it('[AUDIT9] an email typed at a failed sign-in is readable, then unreadable once its day is past the setting; the entry stays', async () => {
    const typed = 'someone.lost@example.org';
    expect((await new Browser(server).post('/api/session', { email: typed, password: 'wrong' })).status).toBe(
      401,
    );
    const failed = (entries: Awaited<ReturnType<typeof serviceAudit>>) =>
      entries.find((entry) => entry.action === 'staff.sign-in-failed');
    expect(failed(await serviceAudit(await signedIn()))?.personal?.['email']).toBe(typed);
    for (const row of auditRows(server)) expect(row.detail).not.toContain(typed);

    // Two days on: the first day ended more than the one day kept ago.
    expect((await new Browser(server).post('/api/test-clock', { advanceByMs: 2 * day })).status).toBe(200);
    const admin = await signedIn();
    await eventually(async () => {
      const entry = failed(await serviceAudit(admin));
      expect(entry).toMatchObject({ personalErased: true, detail: { knownBrowser: false } });
      expect(entry?.personal).toBeUndefined();
    }, 15_000);
  });
});
