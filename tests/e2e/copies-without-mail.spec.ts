import { expect, test } from '@playwright/test';
import { accessEnv, overflow, seriousViolations, signIn } from './access-pages.ts';
import { agreedPlanForNan } from './copies-pages.ts';
import { useTestServer } from './test-server.ts';

// No SMTP_* settings: this service has no mail server.
const server = useTestServer({ env: accessEnv });

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('[COPY4] [COPY5] without a mail server the family page says so plainly, and a download is recorded as given', async ({
  page,
}) => {
  const { familyId } = await agreedPlanForNan(server);
  await signIn(page, server.url);
  await page.goto(`${server.url}/staff/families/${familyId}`);
  const copies = page.getByTestId('plan-copies');
  await expect(copies.getByTestId('no-email')).toHaveText(
    'This service has no email set up, so Kinboard cannot send copies by email. Download them here and give them to the person yourself.',
  );
  await expect(copies.getByRole('button', { name: 'Send by email' })).toHaveCount(0);
  await expect(copies.getByLabel('Their email address')).toHaveCount(0);
  await copies.getByLabel('Who is it for?').selectOption({ label: 'Nan Pemberton' });
  const downloading = page.waitForEvent('download');
  await copies.getByRole('button', { name: 'Download to hand over: The family’s plan' }).click();
  expect((await downloading).suggestedFilename()).toBe('pemberton-plan-v1-2026-12-02.pdf');
  await expect(copies.getByTestId('copies-notice')).toHaveText(
    'Downloaded. It is recorded as given to Nan Pemberton.',
  );
  const given = copies.getByTestId('copies-given').getByRole('listitem');
  await expect(given).toHaveCount(1);
  await expect(given).toContainText('The family’s plan, version 1');
  await expect(given).toContainText('Downloaded by Administrator to hand over');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});
