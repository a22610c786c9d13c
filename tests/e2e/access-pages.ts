import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** The first administrator the access tests start their servers with (all invented). */
export const admin = {
  name: 'Administrator',
  email: 'admin@kinboard.example',
  password: 'correct horse battery staple',
};

export const accessEnv = {
  REQUIRE_SIGN_IN: 'true',
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
};

/** The serious and critical problems axe finds on the page as it is now (WCAG 2.2 AA). */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  // A scan that checked nothing would pass too: make sure it really ran.
  expect(results.passes.length).toBeGreaterThan(5);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** How far the page is wider than the screen (0 or less: it fits). */
export const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

export async function staffContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
}

/** Signs in on the sign-in page and waits for the staff home. */
export async function signIn(page: Page, baseUrl: string, who = admin): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
}

/** Creates a family from the staff home and opens its page; returns the family page's address. */
export async function createFamily(page: Page, name: string, children: string[]): Promise<string> {
  await page.getByLabel(/^Family name/).fill(name);
  await page.getByLabel(/^Children’s first names/).fill(children.join('\n'));
  await page.getByRole('button', { name: 'Create the family' }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url();
}

/** Creates a meeting of the default kind on the family page and returns its id. */
export async function createMeeting(page: Page, title: string): Promise<string> {
  await page.getByLabel('Title (optional)').fill(title);
  await page.getByRole('button', { name: 'Create the meeting' }).click();
  const meeting = page.getByTestId('meeting').filter({ hasText: title });
  await expect(meeting.getByTestId('meeting-state')).toHaveText('Being prepared');
  const id = await meeting.getAttribute('data-meeting-id');
  expect(id).toBeTruthy();
  return id!;
}

/** Opens the meeting on the family page and returns its join code as shown ("K7M4-QXR9"). */
export async function openMeeting(page: Page, title: string): Promise<string> {
  const meeting = page.getByTestId('meeting').filter({ hasText: title });
  await meeting.getByRole('button', { name: 'Open the meeting' }).click();
  await expect(meeting.getByTestId('meeting-state')).toHaveText('Open');
  const code = await meeting.getByTestId('join-code').textContent();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  return code!;
}

/** A phone asks to join with the code's link, a name and how they know the children. */
export async function askToJoin(
  page: Page,
  baseUrl: string,
  code: string,
  name: string,
  relationship: string,
) {
  await page.goto(`${baseUrl}/join/${code.replace('-', '')}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('How do you know the child or children?').fill(relationship);
  await page.getByRole('button', { name: 'Ask to join' }).click();
}
