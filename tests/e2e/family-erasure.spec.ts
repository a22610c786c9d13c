import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  accessEnv,
  createFamily,
  createMeeting,
  openMeeting,
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

test('[ERASE1] erasing a family names it, says what is lost, waits for its name and for its meeting to close', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url);
  const familyPage = await createFamily(page, 'Pennywhistle', ['Ottoline']);
  await createMeeting(page, 'First meeting');
  await openMeeting(page, 'First meeting');

  const section = page.getByRole('region', { name: 'Erase this family' });
  await expect(section).toContainText('everything Kinboard holds about the Pennywhistle family');
  await expect(section).toContainText('every meeting and its boards');
  await expect(section).toContainText('A meeting of this family is still open');
  await expect(section.getByRole('button', { name: 'Erase this family…' })).toHaveCount(0);

  const meeting = page.getByTestId('meeting').filter({ hasText: 'First meeting' });
  await meeting.getByRole('button', { name: 'Close the meeting' }).click();
  await meeting.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(meeting.getByTestId('meeting-state')).toHaveText('Closed');

  await section.getByRole('button', { name: 'Erase this family…' }).click();
  const confirm = section.getByRole('button', { name: 'Erase the Pennywhistle family for good' });
  await expect(confirm).toBeDisabled();
  await section.getByLabel("To confirm, type the family's name: Pennywhistle").fill('Penny');
  await expect(confirm).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await section.getByLabel("To confirm, type the family's name: Pennywhistle").fill('Pennywhistle');
  await confirm.click();

  await expect(page.getByRole('heading', { name: 'Your families' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Pennywhistle', exact: true })).toHaveCount(0);
  await page.goto(familyPage);
  await expect(page.getByText('Pennywhistle')).toHaveCount(0);
  await context.close();
});
