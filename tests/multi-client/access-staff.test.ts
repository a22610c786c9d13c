import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { adminPassword, auditRows, Browser, serviceAudit, staffPassword } from './access-http.ts';

describe('staff accounts, sign-in and families', () => {
  let server: TestServer;
  let admin: Browser;
  const staffIds: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    admin = new Browser(server);
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function signedIn(email: string, password = staffPassword): Promise<Browser> {
    const browser = new Browser(server);
    const answer = await browser.post('/api/session', { email, password });
    expect(answer.status).toBe(200);
    return browser;
  }

  it('[ACCESS2] the first administrator is made with the one-time link the server printed', async () => {
    const printed = /create the first administrator at (http:\/\/\S+)\/setup\?token=(\S+)/.exec(
      server.output(),
    );
    expect(printed?.[1]).toBe(server.url);
    const token = printed![2]!;
    const form = { email: 'Ada.Admin@Example.org', name: 'Ada', password: adminPassword };

    expect((await admin.post('/api/setup', { ...form, token: 'guessed' })).status).toBe(403);
    expect((await admin.post('/api/setup', { ...form, token, password: 'short' })).body).toMatchObject({
      error: 'bad-request',
      field: 'password',
    });
    const made = await admin.post('/api/setup', { ...form, token });
    expect(made.status).toBe(201);
    expect(made.body.staff).toMatchObject({ email: 'ada.admin@example.org', role: 'admin' });
    expect(made.body.staff.passwordHash).toBeUndefined();
    expect((await admin.get('/api/session')).body.staff.email).toBe('ada.admin@example.org');
    // Used once; and now there is an administrator, nobody else becomes one this way.
    expect((await new Browser(server).post('/api/setup', { ...form, token })).status).toBe(409);
    expect(auditRows(server).map((row) => row.action)).toContain('setup.first-admin');
  });

  it('[ACCESS3] the session cookie is httpOnly and SameSite=Lax, and signing out ends it', async () => {
    const browser = new Browser(server);
    const answer = await browser.post('/api/session', {
      email: 'ada.admin@example.org',
      password: adminPassword,
    });
    const cookie = answer.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^kinboard_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = browser.cookies.get('kinboard_session')!;
    expect((await browser.request('DELETE', '/api/session')).status).toBe(200);
    expect((await browser.get('/api/session')).status).toBe(401);
    // The old token is dead on the server, not just forgotten by the browser.
    const replay = new Browser(server);
    replay.cookies.set('kinboard_session', token);
    expect((await replay.get('/api/session')).status).toBe(401);
  });

  it('[ACCESS4] administrators add staff; staff cannot', async () => {
    for (const name of ['sam', 'kim']) {
      const answer = await admin.post('/api/staff', {
        email: `${name}@example.org`,
        name,
        password: staffPassword,
        role: 'staff',
      });
      expect(answer.status).toBe(201);
      staffIds[name] = answer.body.staff.id;
    }
    const sam = await signedIn('sam@example.org');
    expect(
      (
        await sam.post('/api/staff', {
          email: 'x@example.org',
          name: 'x',
          password: staffPassword,
          role: 'admin',
        })
      ).status,
    ).toBe(403);
    expect((await sam.get('/api/staff')).status).toBe(403);
    expect(
      (
        await admin.post('/api/staff', {
          email: 'SAM@example.org',
          name: 'Sam 2',
          password: staffPassword,
          role: 'staff',
        })
      ).status,
    ).toBe(409);
    expect((await admin.get('/api/staff')).body.staff).toHaveLength(3);
    expect(auditRows(server).filter((row) => row.action === 'staff.created')).toHaveLength(2);
  });

  it('[ACCESS3] a wrong password and an unknown email get the same answer, and both are recorded', async () => {
    const wrongPassword = await new Browser(server).post('/api/session', {
      email: 'kim@example.org',
      password: 'nope',
    });
    const unknownEmail = await new Browser(server).post('/api/session', {
      email: 'who@example.org',
      password: 'nope',
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    const failed = (await serviceAudit(admin)).filter((entry) => entry.action === 'staff.sign-in-failed');
    expect(failed.map((entry) => entry.personal?.['email'])).toEqual(['kim@example.org', 'who@example.org']);
    // [AUDIT7] The email typed and the address are stored only sealed under the day's key.
    const raw = auditRows(server).filter((row) => row.action === 'staff.sign-in-failed');
    expect(raw).toHaveLength(2);
    for (const row of raw) expect(row.detail).not.toMatch(/who@example|kim@example|127\.0\.0\.1/);
    expect(auditRows(server).filter((row) => row.action === 'staff.signed-in').length).toBeGreaterThan(0);
    // Administrators read the entries about no family; staff cannot.
    const entries = (await admin.get('/api/audit')).body.entries as { action: string }[];
    expect(entries.map((entry) => entry.action)).toContain('staff.sign-in-failed');
    expect((await (await signedIn('sam@example.org')).get('/api/audit')).status).toBe(403);
  });

  it('[ACCESS5] staff see only the families they were given', async () => {
    const sam = await signedIn('sam@example.org');
    const made = await sam.post('/api/families', {
      name: 'Okafor',
      children: [{ name: 'Tayo', bornOn: '2018-06-01' }],
      network: [{ name: 'Aunt Bisi', relationship: 'aunt', contact: '07700 900456' }],
    });
    expect(made.status).toBe(201);
    const familyId: string = made.body.family.id;
    expect((await sam.get('/api/families')).body.families.map((family: { id: string }) => family.id)).toEqual(
      [familyId],
    );
    const shown = await sam.get(`/api/families/${familyId}`);
    expect(shown.body).toMatchObject({
      children: [{ name: 'Tayo' }],
      network: [{ name: 'Aunt Bisi' }],
      meetings: [],
    });

    // Kim was given nothing; the administrator has only the seeded demo family, which the first
    // administrator is given because nobody else could reach it.
    const kim = new Browser(server, undefined);
    kim.cookies.set('kinboard_session', (await signedInSession('kim-2'))!);
    for (const browser of [kim, admin]) {
      expect(
        (await browser.get('/api/families')).body.families.map((family: { id: string }) => family.id),
      ).toEqual(browser === admin ? ['demo-hollis-family'] : []);
      expect((await browser.get(`/api/families/${familyId}`)).status).toBe(404);
      expect((await browser.get(`/api/families/${familyId}/audit`)).status).toBe(404);
      expect(
        (
          await browser.post(`/api/families/${familyId}/meetings`, {
            type: 'family-network-meeting',
            date: '2026-12-01',
            title: 'x',
          })
        ).status,
      ).toBe(404);
    }
    expect((await new Browser(server).get('/api/families')).status).toBe(401);
    expect((await new Browser(server).get(`/api/families/${familyId}`)).status).toBe(401);

    // Only an administrator grants access.
    expect((await sam.post(`/api/families/${familyId}/access`, { staffId: staffIds['kim-2'] })).status).toBe(
      403,
    );
    expect(
      (await admin.post(`/api/families/${familyId}/access`, { staffId: staffIds['kim-2'] })).status,
    ).toBe(200);
    expect((await kim.get('/api/families')).body.families).toHaveLength(1);
    expect((await kim.get(`/api/families/${familyId}`)).status).toBe(200);

    const audit = (await kim.get(`/api/families/${familyId}/audit?limit=500`)).body.entries;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
      'family.created',
      'family.access-granted',
    ]);
  });

  /** A fresh account, signed in; returns its session token. */
  async function signedInSession(name: string): Promise<string | undefined> {
    const answer = await admin.post('/api/staff', {
      email: `${name}@example.org`,
      name,
      password: staffPassword,
      role: 'staff',
    });
    staffIds[name] = answer.body.staff.id;
    return (await signedIn(`${name}@example.org`)).cookies.get('kinboard_session');
  }

  it('[ACCESS4] disabling an account ends its sessions at once; nobody disables themselves', async () => {
    const session = await signedInSession('leaver');
    const leaver = new Browser(server);
    leaver.cookies.set('kinboard_session', session!);
    expect((await leaver.get('/api/session')).status).toBe(200);
    expect(
      (await admin.request('PATCH', `/api/staff/${staffIds['leaver']}`, { disabled: true })).status,
    ).toBe(200);
    expect((await leaver.get('/api/session')).status).toBe(401);
    expect(
      (
        await new Browser(server).post('/api/session', {
          email: 'leaver@example.org',
          password: staffPassword,
        })
      ).status,
    ).toBe(401);
    const me = (await admin.get('/api/session')).body.staff.id;
    expect((await admin.request('PATCH', `/api/staff/${me}`, { disabled: true })).status).toBe(409);
    expect(auditRows(server).some((row) => row.action === 'staff.disabled')).toBe(true);
  });

  it('[ACCESS10] a change from another site, or not sent as JSON, is refused', async () => {
    const fromElsewhere = await admin.post(
      '/api/staff',
      { email: 'x@example.org', name: 'x', password: staffPassword, role: 'admin' },
      { origin: 'http://evil.example' },
    );
    expect(fromElsewhere.status).toBe(403);
    const asForm = await admin.post('/api/session', 'email=a&password=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(asForm.status).toBe(415);
    expect((await admin.post('/api/session', '{not json')).status).toBe(400);
  });

  it('[ACCESS8] while REQUIRE_SIGN_IN is off, the demo meeting still answers without sign-in, but never shows its code', async () => {
    const answer = await new Browser(server).get('/api/meetings/demo-hollis');
    expect(answer.status).toBe(200);
    expect(answer.body.meeting.joinCode).toBeUndefined();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });
});
