import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  accessEnv,
  createFamily,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
});
test.afterAll(async () => {
  await server.dispose();
});

test('[ACCESS32] the family page reads its record a page at a time, in plain words', async ({ browser }) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url);
  const familyUrl = await createFamily(page, 'Record family', ['Sam']);
  const familyId = familyUrl.split('/').at(-1)!;
  // Sixty meetings made through the API: more entries than one page of the section (50).
  const made = await page.evaluate(async (id) => {
    let ok = 0;
    for (let i = 0; i < 60; i++) {
      const answer = await fetch(`/api/families/${id}/meetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'family-network-meeting', date: '2026-12-01', title: `Meeting ${i}` }),
      });
      if (answer.ok) ok++;
    }
    return ok;
  }, familyId);
  expect(made).toBe(60);
  await page.reload();
  const record = page.getByTestId('family-audit');
  await expect(record.getByRole('heading', { name: 'Record of who came in and what changed' })).toBeVisible();
  const entries = record.getByRole('list', { name: 'Entries, oldest first' }).getByRole('listitem');
  await expect(entries).toHaveCount(50);
  await expect(entries.first()).toContainText('Family added');
  await expect(entries.nth(1)).toContainText('Meeting made');
  expect(await seriousViolations(page)).toEqual([]);
  await record.getByRole('button', { name: 'Show more' }).click();
  await expect(record.getByRole('button', { name: 'Show more' })).toHaveCount(0);
  expect(await entries.count()).toBeGreaterThanOrEqual(61);
  await context.close();

  const phone = await (await phoneContext(browser)).newPage();
  await signIn(phone, server.url);
  await phone.goto(familyUrl);
  await expect(phone.getByTestId('family-audit').getByRole('listitem').first()).toBeVisible();
  expect(await overflow(phone)).toBeLessThanOrEqual(0);
  await phone.context().close();
});
