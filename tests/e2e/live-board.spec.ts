import { expect, test, type Page } from '@playwright/test';
import { addCard, cardById, connectionStatus, openDemoBoard, saveStatus } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

let first: Page;
let second: Page;
test.beforeEach(async ({ browser }) => {
  first = await openDemoBoard(browser, server.url);
  second = await openDemoBoard(browser, server.url);
});
test.afterEach(async () => {
  await first.context().close();
  await second.context().close();
});

test('shows the three columns and the seeded cards', async () => {
  for (const title of ['What are we worried about?', "What's working well?", 'What needs to happen?']) {
    await expect(first.getByRole('heading', { level: 2, name: title })).toBeVisible();
  }
  for (const domain of ['Harm', 'Danger', 'Complicating factors', 'Existing strengths', 'Existing safety']) {
    await expect(first.getByRole('heading', { level: 3, name: domain, exact: true })).toBeVisible();
  }
  await expect(first.getByRole('textbox', { name: /^Card in Harm,/ }).first()).toHaveValue(
    /found Jack, aged 3, on his own/,
  );
});

test('a card added, edited and deleted on one screen shows on the other', async () => {
  const id = await addCard(first, 'Existing strengths', 'Nan collects the children every Tuesday');
  const onSecond = cardById(second, id);
  await expect(onSecond).toHaveValue('Nan collects the children every Tuesday', { timeout: 1_000 });
  await expect(onSecond).toHaveAccessibleName('Card in Existing strengths, written by Guest');

  await onSecond.click();
  await second.keyboard.press('Control+End');
  await second.keyboard.type(' and Thursday');
  await expect(cardById(first, id)).toHaveValue('Nan collects the children every Tuesday and Thursday', {
    timeout: 1_000,
  });
  await expect(saveStatus(second)).toHaveText('All changes saved');

  await first.getByRole('button', { name: 'Delete this card from Existing strengths' }).last().click();
  await first.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(cardById(first, id)).toHaveCount(0);
  await expect(cardById(second, id)).toHaveCount(0, { timeout: 1_000 });
});

test('two people typing in one card both keep their words', async () => {
  const id = await addCard(first, 'Next steps', 'middle');
  const onSecond = cardById(second, id);
  await expect(onSecond).toHaveValue('middle');

  // First types at the end while second types at the start, at the same time.
  await onSecond.click();
  await second.keyboard.press('Control+Home');
  await Promise.all([
    first.keyboard.type(' end', { delay: 30 }),
    second.keyboard.type('start ', { delay: 30 }),
  ]);

  await expect(cardById(first, id)).toHaveValue('start middle end');
  await expect(onSecond).toHaveValue('start middle end');
  // The second person's caret stayed where they were typing, not thrown to the end.
  await second.keyboard.type('!');
  await expect(onSecond).toHaveValue('start !middle end');
});

test('deleting asks first, and keeping the card leaves it on both screens', async () => {
  const id = await addCard(first, 'Danger', 'A card to keep');
  await expect(cardById(second, id)).toHaveValue('A card to keep');
  await first.getByRole('button', { name: 'Delete this card from Danger' }).last().click();
  await first.getByRole('button', { name: 'Keep it' }).click();
  await expect(cardById(first, id)).toHaveValue('A card to keep');
  await expect(cardById(second, id)).toHaveValue('A card to keep');
});

test('a meeting that does not exist says so plainly', async () => {
  await first.goto(`${server.url}/meeting/no-such-meeting`);
  await expect(first.getByRole('alert')).toHaveText(/There is no meeting with that link/);
  await expect(connectionStatus(first)).toHaveCount(0);
});
