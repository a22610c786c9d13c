import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { admin, overflow, seriousViolations, signIn, staffContext } from './access-pages.ts';

// No ADMIN_EMAIL: the server prints a one-time setup link, which these tests follow.
let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: { REQUIRE_SIGN_IN: 'true' } });
});
test.afterAll(async () => {
  await server.dispose();
});
test.describe.configure({ mode: 'serial' });

function printedSetupLink(): string {
  const match = /create the first administrator at (\S+\/setup\?token=\S+)/.exec(server.output());
  expect(match, server.output()).not.toBeNull();
  return match![1]!;
}

test('the first administrator is created from the printed setup link, and is signed in', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await page.goto(printedSetupLink());
  await expect(page.getByRole('heading', { name: 'Set up Kinboard' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel(/^Password/).fill('too short');
  await page.getByRole('button', { name: 'Create the administrator' }).click();
  await expect(page.getByTestId('form-problem')).toHaveText('The password needs at least 12 characters.');
  await expect(page.getByLabel(/^Password/)).toBeFocused();

  await page.getByLabel(/^Password/).fill(admin.password);
  await page.getByRole('button', { name: 'Create the administrator' }).click();
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${admin.name}`);
  // The demo family, seeded before anyone could sign in, is given to the first administrator.
  await expect(page.getByRole('link', { name: 'Hollis family' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The link is used up: a second administrator cannot be made with it.
  const again = await (await staffContext(browser)).newPage();
  await again.goto(printedSetupLink());
  await again.getByLabel('Your name').fill('Someone else');
  await again.getByLabel('Email').fill('someone@kinboard.example');
  await again.getByLabel(/^Password/).fill('another long password');
  await again.getByRole('button', { name: 'Create the administrator' }).click();
  await expect(again.getByTestId('form-problem')).toHaveText(
    'Kinboard already has an administrator. Sign in instead.',
  );
  await again.context().close();
  await context.close();
});

test('a wrong sign-in says so plainly, and too many wrong tries say to wait', async ({ browser }) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  // Scan the form, not a page still coming up (a loaded CI run once scanned too early).
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-problem')).toHaveText(
    'That email and password do not match an account.',
  );
  await expect(page.getByLabel('Password')).toHaveValue('');
  expect(await seriousViolations(page)).toEqual([]);

  // Another (unknown) email, so the administrator is not slowed for the tests after this. Five
  // failures are free; tries after them wait seconds, doubling, so one soon has to wait.
  const problem = page.getByTestId('form-problem');
  for (let attempt = 0; attempt < 12; attempt++) {
    await page.getByLabel('Email').fill('guesser@kinboard.example');
    await page.getByLabel('Password').fill(`guess number ${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    if (attempt >= 5 && /^Too many/.test((await problem.textContent()) ?? '')) break;
  }
  await expect(problem).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
  await context.close();
});

test('staff pages send a browser that is not signed in to sign in, and back afterwards', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/staff/people`);
  await expect(page).toHaveURL(/\/signin\?next=%2Fstaff%2Fpeople$/);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Staff accounts' })).toBeVisible();
  await context.close();
});

test('an administrator adds a colleague and gives them a family; the colleague sees only that', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url);

  await page.getByRole('link', { name: 'Staff accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Sam Worker');
  await page.getByLabel('Email').fill('sam@kinboard.example');
  await page.getByLabel(/^Password/).fill('sam has a long password');
  await page.getByRole('button', { name: 'Add the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sam Worker added.' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Families' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your families' })).toBeVisible();
  for (const name of ['Ashby family', 'Brook family']) {
    await page.getByLabel(/^Family name/).fill(name);
    await page.getByRole('button', { name: 'Create the family' }).click();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Ashby family', exact: true }).click();
  await page.getByLabel('Staff member').selectOption({ label: 'Sam Worker (sam@kinboard.example)' });
  await page.getByRole('button', { name: 'Give access' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Sam Worker can now see this family.');

  // Signing out ends the session: the staff pages ask for sign-in again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto(`${server.url}/staff`);
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, server.url, {
    name: 'Sam Worker',
    email: 'sam@kinboard.example',
    password: 'sam has a long password',
  });
  await expect(page.getByTestId('families').getByRole('link')).toHaveText(['Ashby family']);
  await expect(page.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await context.close();
});

test.describe('at 360x740', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('sign-in, the families and a family page fit a phone and have no serious accessibility problems', async ({
    page,
  }) => {
    for (const path of ['/signin', '/join', '/setup']) {
      await page.goto(`${server.url}${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await seriousViolations(page), path).toEqual([]);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await signIn(page, server.url);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Ashby family', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ashby family' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });
});
