import { expect, test, type Page, type WebSocket } from '@playwright/test';
import { generateKeyPair, SignJWT } from 'jose';
import { freePort } from '../helpers/cluster.ts';
import { startTestProvider, type ProviderAccount, type TestProvider } from '../helpers/oidc-provider.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createFamily, createMeeting, seriousViolations, staffContext } from './access-pages.ts';

// A county's identity provider, started by the test with keys of its own, and a Kinboard whose
// staff sign in only through it (passwords off).
const accounts: ProviderAccount[] = [
  { login: 'lead', email: 'lead@county.example', name: 'Lee Admin', groups: [] },
  // Not in the county's domain, but in the group the administrator allows.
  { login: 'alex', email: 'alex@partner.example', name: 'Alex Moore', groups: ['kinboard-staff'] },
  { login: 'outsider', email: 'outsider@elsewhere.example', name: 'Out Sider', groups: ['finance'] },
  // Tokens that last a few seconds: the Kinboard session ends with them.
  { login: 'brief', email: 'brief@county.example', name: 'Bree Short', groups: [], accessTokenSeconds: 25 },
];

let provider: TestProvider;
let server: TestServer;
test.beforeAll(async () => {
  const port = await freePort();
  const kinboardUrl = `http://127.0.0.1:${port}`;
  provider = await startTestProvider({ kinboardUrl, accounts });
  server = await startServer({
    port,
    env: {
      REQUIRE_SIGN_IN: 'true',
      PASSWORD_SIGN_IN: 'false',
      ADMIN_EMAIL: 'lead@county.example',
      PUBLIC_URL: kinboardUrl,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_PROVIDER_NAME: 'County Council',
      OIDC_ALLOWED_DOMAINS: 'county.example',
      OIDC_ALLOWED_GROUPS: 'kinboard-staff',
    },
  });
});
test.afterAll(async () => {
  await server?.dispose();
  await provider?.close();
});
test.describe.configure({ mode: 'serial' });

/** From Kinboard's sign-in page through the provider's own login and consent pages. */
async function signInThroughProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByRole('link', { name: 'Sign in with County Council' }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password at the test provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Opens the demo meeting's chair console and waits for its sync and socket.io connections. */
async function openChairConsole(page: Page, meetingId = 'demo-hollis'): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  page.on('websocket', (socket) => sockets.push(socket));
  await page.goto(`${server.url}/chair/${meetingId}`);
  await expect
    .poll(() =>
      sockets.filter((socket) => !socket.isClosed()).map((socket) => new URL(socket.url()).pathname),
    )
    .toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/yjs\//), expect.stringMatching(/^\/socket\.io\//)]),
    );
  return sockets;
}

test('[IDENT7] the sign-in page offers the provider, and no password form when passwords are off', async ({
  browser,
}) => {
  const page = await (await staffContext(browser)).newPage();
  await page.goto(`${server.url}/signin`);
  await expect(page.getByRole('link', { name: 'Sign in with County Council' })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  // The password route itself is shut too [IDENT8].
  const answer = await page.request.post(`${server.url}/api/session`, {
    data: { email: 'lead@county.example', password: 'a long enough password' },
  });
  expect(answer.status()).toBe(403);
});

test('[IDENT1] [IDENT9] the first sign-in as ADMIN_EMAIL makes the administrator, who sees the demo family', async ({
  browser,
}) => {
  const page = await (await staffContext(browser)).newPage();
  await signInThroughProvider(page, 'lead');
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Lee Admin');
  await expect(page.getByRole('link', { name: 'Hollis family' })).toBeVisible();
  const session = await (await page.request.get(`${server.url}/api/session`)).json();
  expect(session.staff).toMatchObject({ email: 'lead@county.example', role: 'admin' });
});

test('[IDENT2] [IDENT4] someone in the allowed group gets an account that sees no family yet', async ({
  browser,
}) => {
  const page = await (await staffContext(browser)).newPage();
  await signInThroughProvider(page, 'alex');
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Alex Moore');
  await expect(page.getByRole('link', { name: 'Hollis family' })).toHaveCount(0);
  // Signing in again is the same account, matched by the provider's subject [IDENT3].
  const again = await (await staffContext(browser)).newPage();
  await signInThroughProvider(again, 'alex');
  const [first, second] = await Promise.all(
    [page, again].map(
      async (each) => (await (await each.request.get(`${server.url}/api/session`)).json()).staff.id,
    ),
  );
  expect(second).toBe(first);
});

test('[IDENT2] someone outside the allowed domain and groups is refused, with a plain reason', async ({
  browser,
}) => {
  const page = await (await staffContext(browser)).newPage();
  await signInThroughProvider(page, 'outsider');
  await expect(page.getByTestId('provider-problem')).toHaveText(
    'You signed in with your organisation, but that account is not one Kinboard lets in. Ask your Kinboard administrator.',
  );
  expect(new URL(page.url()).pathname).toBe('/signin');
  expect((await page.request.get(`${server.url}/api/session`)).status()).toBe(401);
  expect(await seriousViolations(page)).toEqual([]);
});

test('[IDENT6] logging out at the provider ends the Kinboard session and closes its open sockets', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await signInThroughProvider(page, 'lead');
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  const sockets = await openChairConsole(page);

  // The person signs out at the county's provider, in another tab.
  const providerTab = await context.newPage();
  await providerTab.goto(`${provider.issuer}/session/end`);
  await providerTab.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect.poll(() => provider.backchannelAnswers(), { timeout: 15_000 }).toContain(200);

  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length, { timeout: 15_000 }).toBe(0);
  expect((await page.request.get(`${server.url}/api/session`)).status()).toBe(401);
});

test('[IDENT6] a logout token the provider did not sign ends nothing', async ({ browser }) => {
  const page = await (await staffContext(browser)).newPage();
  await signInThroughProvider(page, 'alex');
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  const sub = 'alex';
  // Well-formed, naming the right issuer, audience and person, but signed with another key.
  const { privateKey } = await generateKeyPair('RS256');
  const forged = await new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
    .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: 'test-provider-key' })
    .setIssuer(provider.issuer)
    .setAudience(provider.clientId)
    .setSubject(sub)
    .setIssuedAt()
    .setJti('forged-1')
    .sign(privateKey);
  for (const logoutToken of [forged, 'not-a-token']) {
    const answer = await page.request.post(`${server.url}/api/oidc/backchannel-logout`, {
      form: { logout_token: logoutToken },
    });
    expect(answer.status()).toBe(400);
  }
  expect((await page.request.get(`${server.url}/api/session`)).status()).toBe(200);
});

test('[IDENT5] the session ends at the provider’s token expiry, and its sockets with it', async ({
  browser,
}) => {
  const page = await (await staffContext(browser)).newPage();
  await signInThroughProvider(page, 'brief');
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  await createFamily(page, 'Short family', ['Kit']);
  const meetingId = await createMeeting(page, 'Quick review');
  const sockets = await openChairConsole(page, meetingId);
  // Bree's tokens last 25 seconds from sign-in: then the session and every socket on it end.
  await expect
    .poll(() => sockets.filter((socket) => !socket.isClosed()).length, { timeout: 45_000, intervals: [1000] })
    .toBe(0);
  expect((await page.request.get(`${server.url}/api/session`)).status()).toBe(401);
  await page.goto(`${server.url}/staff`);
  await expect(page).toHaveURL(/\/signin/);
});
