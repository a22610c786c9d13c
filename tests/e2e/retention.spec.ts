import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { createMeeting, makeDataDir } from '../helpers/store-fixtures.ts';
import { accessEnv, overflow, seriousViolations, signIn } from './access-pages.ts';
import { useTestServer } from './test-server.ts';

// A family whose only meeting was long ago, there before the first administrator (who is given it).
const data = makeDataDir();
test.beforeAll(async () => {
  await createMeeting(data.dataDir, 'long-ago', { state: 'closed' });
  const db = new DatabaseSync(path.join(data.dataDir, 'kinboard.db'));
  db.prepare("UPDATE meeting SET date = '2001-04-02' WHERE id = 'long-ago'").run();
  db.close();
});
const server = useTestServer({ dataDir: data.dataDir, env: { ...accessEnv, FAMILY_RECORD_YEARS: '10' } });
test.afterAll(() => data.remove());

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('[RETAIN3] the family page says until when its record is kept, and administrators see the records due for review', async ({
  page,
}) => {
  await signIn(page, server.url);
  const due = page.getByTestId('records-due');
  await expect(due.getByRole('heading', { name: 'Records due for review' })).toBeVisible();
  const link = due.getByRole('link');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveText(/^Test family: retention period ended on .*2011/);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);

  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Test family' })).toBeVisible();
  await expect(page.getByTestId('record-retention')).toHaveText(
    /^This family's retention period ended on .*2011, 10 years after its last meeting\. An administrator should review/,
  );
  expect(await seriousViolations(page)).toEqual([]);

  // A family met this year is kept for ten more: said plainly, and not on the list.
  await page.goBack();
  await page.getByRole('link', { name: 'Hollis family', exact: true }).click();
  await expect(page.getByTestId('record-retention')).toHaveText(
    /^This family's record is kept until .*20[34]\d, 10 years after its last meeting\. Kinboard never deletes it by itself\.$/,
  );
});
