import { expect, test, type Page } from '@playwright/test';
import { accessEnv, overflow, seriousViolations, signIn } from './access-pages.ts';
import { useTestServer } from './test-server.ts';

// One server with a clock the test moves on [CLOCK1]; sign-ins outlast the days it moves.
const server = useTestServer({
  env: { ...accessEnv, TEST_CLOCK: 'true', SESSION_IDLE_MINUTES: '10080', SESSION_MAX_HOURS: '720' },
});
const day = 24 * 60 * 60 * 1000;

/** The server's today, as the due list reads it. */
async function serverToday(page: Page): Promise<string> {
  const answer = await page.request.get(`${server.url}/api/due`);
  return ((await answer.json()) as { today: string }).today;
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * day).toISOString().slice(0, 10);

/**
 * [DUE4] A worker plans an Initial child protection conference four days ahead: the staff page
 * says the reports are due to the family by tomorrow (three days before it), and once the clock
 * has moved on two days, that they are overdue.
 */
async function dueThenOverdue(page: Page, family: string): Promise<void> {
  await signIn(page, server.url);
  await page.getByLabel(/^Family name/).fill(family);
  await page.getByRole('button', { name: 'Create the family' }).click();
  await page.getByRole('link', { name: family, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: family })).toBeVisible();
  const today = await serverToday(page);
  const conference = plusDays(today, 4);
  await page.getByLabel('Kind of meeting').selectOption({ label: 'Initial child protection conference' });
  await page.getByLabel('Date', { exact: true }).fill(conference);
  await page.getByRole('button', { name: 'Create the meeting' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Meeting created.');
  // The family's own page says it too, without a link to itself.
  const onFamilyPage = page.getByTestId('due-list').getByTestId('due-item');
  await expect(onFamilyPage).toHaveCount(1);
  await expect(onFamilyPage).toContainText('share the reports with the family by');
  await expect(onFamilyPage.getByRole('link')).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to your families' }).click();
  const list = page.getByTestId('due-list');
  await expect(list.getByRole('heading', { name: 'What is due' })).toBeVisible();
  const ours = list.getByRole('article', { name: family });
  const item = ours.getByTestId('due-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-status', 'due');
  const long = (date: string) =>
    new Date(`${date}T00:00:00Z`).toLocaleDateString('en', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  await expect(item).toContainText('Due');
  await expect(item).toContainText(
    `Initial child protection conference on ${long(conference)}: share the reports with the family by ${long(plusDays(today, 1))}.`,
  );
  await expect(item).toContainText(
    'The handbook says: “Reports will be shared with the family 3 days before the conference',
  );
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);

  const moved = await page.request.post(`${server.url}/api/test-clock`, {
    data: { advanceByMs: 2 * day },
    headers: { origin: server.url },
  });
  expect(moved.status()).toBe(200);
  await page.reload();
  await expect(item).toHaveAttribute('data-status', 'overdue');
  await expect(item).toContainText('Overdue');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
}

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  test('[DUE4] [CLOCK1] the staff page shows what is due, and it turns overdue as the days pass', async ({
    page,
  }) => {
    await dueThenOverdue(page, 'Ashworth family');
  });
});

test.describe('on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  test('[DUE4] [CLOCK1] the staff page shows what is due, and it turns overdue as the days pass', async ({
    page,
  }) => {
    await dueThenOverdue(page, 'Brennan family');
  });
});
