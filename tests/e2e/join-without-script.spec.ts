import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { accessEnv, createFamily, createMeeting, openMeeting, signIn, staffContext } from './access-pages.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
});
test.afterAll(async () => {
  await server.dispose();
});

// A phone whose script has not come (slow signal) or never runs: the join page is the server's
// HTML, its form asks to join through the same API rules, and the waiting page moves on by
// itself once the chair lets the phone in [LANG17].
test('a phone without script asks to join, sees its mistakes, waits, and reaches the board when the chair lets it in', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const staff = await (await staffContext(browser)).newPage();
  await signIn(staff, server.url);
  await createFamily(staff, 'Okafor family', ['Tobi']);
  const meetingId = await createMeeting(staff, 'Family network meeting');
  const code = await openMeeting(staff, 'Family network meeting');

  const phoneContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    javaScriptEnabled: false,
  });
  const phone = await phoneContext.newPage();

  // A code that matches no open meeting is said so, on the code's own field.
  await phone.goto(`${server.url}/join/ABCDEFGH`);
  await phone.getByLabel('Your name').fill('Ada Okafor');
  await phone.getByLabel('How do you know the child or children?').fill('Aunt');
  await phone.getByRole('button', { name: 'Ask to join' }).click();
  await expect(phone.getByRole('alert')).toContainText('code');
  await expect(phone.getByLabel('Code')).toHaveAttribute('aria-invalid', 'true');

  // The code form works without script too, and an empty name is refused with words.
  await phone.getByLabel('Code').fill(code);
  await phone.getByRole('button', { name: 'Next' }).click();
  await expect(phone.getByRole('button', { name: 'Ask to join' })).toBeEnabled();
  await phone.getByLabel('How do you know the child or children?').fill('Aunt');
  await phone.getByRole('button', { name: 'Ask to join' }).click();
  await expect(phone.getByRole('alert')).toHaveText(
    'Please write your name, so the chair knows who you are.',
  );
  await expect(phone.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');

  await phone.getByLabel('Your name').fill('Ada Okafor');
  await phone.getByLabel('How do you know the child or children?').fill('Aunt');
  await phone.getByRole('button', { name: 'Ask to join' }).click();
  await expect(phone.getByRole('heading', { name: 'Waiting for the chair to let you in' })).toBeVisible();

  // The chair lets her in from the console; the phone's waiting page refreshes onto the board.
  await staff.goto(`${server.url}/chair/${meetingId}`);
  const waiting = staff.getByTestId('lobby-person').filter({ hasText: 'Ada Okafor' });
  await expect(waiting).toContainText('Knows the child as: Aunt');
  await waiting.getByLabel('Role for Ada Okafor').selectOption({ label: 'Family member' });
  await waiting.getByRole('button', { name: 'Let Ada Okafor in' }).click();
  await expect(phone).toHaveURL(new RegExp(`/phone/${meetingId}$`), { timeout: 30_000 });
  await phoneContext.close();
});
