import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  accessEnv,
  askToJoin,
  createFamily,
  createMeeting,
  openMeeting,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';
import { addCard, cardById, connectionStatus } from './board-page.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
});
test.afterAll(async () => {
  await server.dispose();
});

/**
 * What the page keeps in the phone's storage, leaving out SvelteKit's own scroll positions and
 * snapshots (numbers by history entry, no content). IndexedDB must hold no database either.
 */
async function storedOnPhone(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const kept: string[] = [];
    for (const storage of [localStorage, sessionStorage])
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index)!;
        if (!key.startsWith('sveltekit:')) kept.push(`${key}=${storage.getItem(key)}`);
      }
    const databases = await indexedDB.databases();
    return [...kept, ...databases.map((database) => `indexedDB:${database.name}`)];
  });
}

/** A staff browser, signed in, on a new family's page. */
async function staffOnNewFamily(page: Page, family: string) {
  await signIn(page, server.url);
  expect(await seriousViolations(page)).toEqual([]);
  return createFamily(page, family, ['Maisie', 'Jack']);
}

test('a phone joins by the code, waits, is let in as family, adds a card the chair sees, and is out when the meeting closes', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const staff = await (await staffContext(browser)).newPage();
  const familyPage = await staffOnNewFamily(staff, 'Reyes family');
  await expect(staff.getByRole('heading', { name: 'Children' })).toBeVisible();
  await expect(staff.getByText('Maisie')).toBeVisible();
  expect(await seriousViolations(staff)).toEqual([]);
  const meetingId = await createMeeting(staff, 'Family network meeting, first');
  const code = await openMeeting(staff, 'Family network meeting, first');
  expect(await seriousViolations(staff)).toEqual([]);

  // The chair console shows the code and an empty lobby.
  await staff.getByTestId('meeting').getByRole('link', { name: 'Go to the chair console' }).click();
  await expect(staff).toHaveURL(new RegExp(`/chair/${meetingId}$`));
  await expect(connectionStatus(staff)).toHaveText('Connected');
  await expect(staff.getByTestId('chair-join-code')).toHaveText(code);
  await expect(staff.getByTestId('lobby')).toContainText('Nobody is waiting.');

  // The projector (the chair's own browser) shows the code and a QR code of the join link.
  const projector = await staff.context().newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`${server.url}/projector/${meetingId}`);
  await expect(projector.getByTestId('projector-join-code')).toHaveText(code);
  await expect(projector.getByTestId('join-qr').locator('svg')).toBeVisible();
  await expect(projector.getByTestId('join-link')).toHaveCount(0);

  // A phone at 360x740 opens the join link (what the QR code holds).
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${server.url}/join/${code.replace('-', '')}`);
  await expect(phone.getByRole('heading', { name: 'Join a meeting' })).toBeVisible();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);
  // Asking without a relationship says what is missing.
  await phone.getByLabel('Your name').fill('Nan Hollis');
  await phone.getByRole('button', { name: 'Ask to join' }).click();
  await expect(phone.getByRole('alert')).toHaveText(
    'Please tell the chair how you know the child or children.',
  );
  await expect(phone.getByLabel('How do you know the child or children?')).toBeFocused();
  await phone.getByLabel('How do you know the child or children?').fill('Grandmother');
  await phone.getByRole('button', { name: 'Ask to join' }).click();
  await expect(phone.getByRole('heading', { name: 'Waiting for the chair to let you in' })).toBeVisible();
  await expect(phone.getByTestId('lobby-wait')).toContainText('You asked to join as Nan Hollis.');
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);
  // Nothing of the meeting is kept on the phone.
  expect(await storedOnPhone(phone)).toEqual([]);

  // A reload (a dropped signal) keeps the phone's place: no second ask, straight back to waiting.
  await phone.reload();
  await expect(phone.getByRole('heading', { name: 'Waiting for the chair to let you in' })).toBeVisible();

  // The chair sees them waiting and lets them in as a family member.
  const waiting = staff.getByTestId('lobby-person').filter({ hasText: 'Nan Hollis' });
  await expect(waiting).toContainText('Knows the child as: Grandmother');
  expect(await seriousViolations(staff)).toEqual([]);
  await waiting.getByLabel('Role for Nan Hollis').selectOption({ label: 'Family member' });
  await waiting.getByRole('button', { name: 'Let Nan Hollis in' }).click();
  await expect(staff.getByTestId('lobby-admitted')).toContainText('Nan Hollis: Family member');
  await expect(staff.getByTestId('lobby-person')).toHaveCount(0);

  // The phone moves on to the board by itself and adds a card the chair sees.
  await expect(phone).toHaveURL(new RegExp(`/phone/${meetingId}$`), { timeout: 10_000 });
  await expect(connectionStatus(phone)).toHaveText('Connected');
  await phone.getByRole('button', { name: "What's working well?" }).click();
  const cardId = await addCard(phone, 'Existing strengths', 'Nan picks the children up on Tuesdays');
  await expect(cardById(staff, cardId)).toHaveValue('Nan picks the children up on Tuesdays');
  expect(await storedOnPhone(phone)).toEqual([]);

  // The chair closes the meeting from the family page.
  await staff.goto(familyPage);
  const meeting = staff.getByTestId('meeting').filter({ hasText: 'Family network meeting, first' });
  await meeting.getByRole('button', { name: 'Close the meeting' }).click();
  await expect(meeting.getByRole('button', { name: 'Keep it open' })).toBeFocused();
  await meeting.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(meeting.getByTestId('meeting-state')).toHaveText('Closed');
  await expect(meeting.getByTestId('join-code')).toHaveCount(0);

  // The phone loses the board: at once when the server ends its connections, or at the latest
  // when it next checks its place (every 15 s). Reloading says the same.
  await expect(phone.getByRole('heading', { name: 'This meeting has finished' })).toBeVisible({
    timeout: 25_000,
  });
  await expect(phone.locator('textarea')).toHaveCount(0);
  await phone.reload();
  await expect(phone.getByTestId('meeting-problem')).toContainText('This meeting has finished');
  expect(await seriousViolations(phone)).toEqual([]);

  // The old code admits nobody.
  const latecomer = await (await phoneContext(browser)).newPage();
  await askToJoin(latecomer, server.url, code, 'Late Comer', 'Neighbour');
  await expect(latecomer.getByRole('alert')).toHaveText(
    'That code does not match a meeting that is open. Check it with the chair.',
  );
  await expect(latecomer.getByLabel(/^Meeting code/)).toBeFocused();

  for (const page of [staff, phone, latecomer]) await page.context().close();
});

test('a phone the chair turns away is told kindly, and cannot open the board', async ({ browser }) => {
  const staff = await (await staffContext(browser)).newPage();
  await staffOnNewFamily(staff, 'Fenwick family');
  const meetingId = await createMeeting(staff, 'Review meeting');
  const code = await openMeeting(staff, 'Review meeting');
  await staff.goto(`${server.url}/chair/${meetingId}`);

  const phone = await (await phoneContext(browser)).newPage();
  await askToJoin(phone, server.url, code, 'Someone Unknown', 'Friend');
  await expect(phone.getByTestId('lobby-wait')).toBeVisible();
  // Before being let in, the board itself is closed to the phone.
  const board = await (await phone.context().newPage()).goto(`${server.url}/api/meetings/${meetingId}`);
  expect(board?.status()).toBe(404);

  await staff.getByRole('button', { name: 'Turn Someone Unknown away' }).click();
  await expect(
    staff.getByRole('status').filter({ hasText: 'Someone Unknown was turned away.' }),
  ).toBeVisible();
  await expect(phone.getByRole('heading', { name: 'The chair has not let you in' })).toBeVisible();
  await expect(phone.getByTestId('join-refused')).toContainText('please speak to the chair');
  expect(await seriousViolations(phone)).toEqual([]);

  await phone.goto(`${server.url}/phone/${meetingId}`);
  await expect(phone.getByTestId('meeting-problem')).toContainText(
    'The chair has not let you into this meeting',
  );
  await phone.context().close();
  await staff.context().close();
});

test('the board pages tell a browser that is not let in what to do', async ({ browser }) => {
  const staff = await (await staffContext(browser)).newPage();
  await staffOnNewFamily(staff, 'Garner family');
  const meetingId = await createMeeting(staff, 'Core group');
  await staff.context().close();

  const stranger = await (await staffContext(browser)).newPage();
  await stranger.goto(`${server.url}/chair/${meetingId}`);
  await expect(stranger.getByTestId('meeting-problem')).toHaveText('Sign in to open this meeting.');
  expect(await seriousViolations(stranger)).toEqual([]);
  await stranger.getByRole('link', { name: 'Staff: sign in' }).click();
  await stranger.getByLabel('Email').fill(accessEnv.ADMIN_EMAIL);
  await stranger.getByLabel('Password').fill(accessEnv.ADMIN_PASSWORD);
  await stranger.getByRole('button', { name: 'Sign in' }).click();
  await expect(stranger).toHaveURL(new RegExp(`/chair/${meetingId}$`));
  await expect(connectionStatus(stranger)).toHaveText('Connected');
  await stranger.context().close();

  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${server.url}/phone/${meetingId}`);
  await expect(phone.getByTestId('meeting-problem')).toHaveText(
    'You need to join this meeting with its code before you can see the board.',
  );
  await phone.getByRole('link', { name: 'Join with a code' }).click();
  await expect(phone.getByLabel(/^Meeting code/)).toBeVisible();
  await phone.getByLabel(/^Meeting code/).fill('abc');
  await phone.getByRole('button', { name: 'Next' }).click();
  await expect(phone.getByRole('alert')).toContainText('A meeting code has 8 letters and numbers');
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.context().close();
});

test('[ACCESS6] a phone types the code by hand, in small letters with the dash, and goes on to its name', async ({
  browser,
}) => {
  const staff = await (await staffContext(browser)).newPage();
  await staffOnNewFamily(staff, 'Ingram family');
  await createMeeting(staff, 'Network meeting');
  const code = await openMeeting(staff, 'Network meeting');
  await staff.context().close();

  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`${server.url}/join`);
  await phone.getByLabel(/^Meeting code/).fill(code.toLowerCase());
  await phone.getByRole('button', { name: 'Next' }).click();
  await expect(phone.getByLabel('Your name')).toBeVisible();
  await phone.getByLabel('Your name').fill('Nan Ingram');
  await phone.getByLabel('How do you know the child or children?').fill('Grandmother');
  await phone.getByRole('button', { name: 'Ask to join' }).click();
  await expect(phone.getByTestId('lobby-wait')).toBeVisible();
  await phone.context().close();
});

test('signing out in another tab stops the chair’s open board with a plain message, not a reconnect loop [ACCESS22]', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await staffContext(browser);
  const staff = await context.newPage();
  await staffOnNewFamily(staff, 'Okafor family');
  const meetingId = await createMeeting(staff, 'Review, signed out');
  await openMeeting(staff, 'Review, signed out');
  await staff.goto(`${server.url}/chair/${meetingId}`);
  await expect(connectionStatus(staff)).toHaveText('Connected');
  let boardSockets = 0;
  staff.on('websocket', (socket) => {
    if (socket.url().includes('/yjs/')) boardSockets++;
  });

  const other = await context.newPage();
  await other.goto(`${server.url}/staff`);
  const signedOut = await other.evaluate(
    async () => (await fetch('/api/session', { method: 'DELETE' })).status,
  );
  expect(signedOut).toBe(200);

  await expect(connectionStatus(staff)).toHaveText(
    'You have been signed out, so this screen stopped. Sign in again to carry on.',
  );
  // Proving that it does not reconnect needs a wait: a retry would come within a second.
  await staff.waitForTimeout(2_000);
  expect(boardSockets).toBe(0);
  expect(await seriousViolations(staff)).toEqual([]);
  await context.close();
});
