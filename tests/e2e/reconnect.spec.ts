import { expect, test, type Page } from '@playwright/test';
import { addCard, cardById, connectionStatus, openDemoBoard, saveStatus } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const offline = 'Offline — your changes are kept on this screen and will be sent when you reconnect';

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

test('a server restart keeps every edit, and an edit made while it is down arrives after', async () => {
  const id = await addCard(first, 'Existing safety', 'Pat stays over on Friday nights');
  await expect(saveStatus(first)).toHaveText('All changes saved');
  await expect(cardById(second, id)).toHaveValue('Pat stays over on Friday nights');

  await server.stop();
  await expect(connectionStatus(first)).toHaveText(offline);
  await expect(connectionStatus(second)).toHaveText(offline);

  // Typed while nothing is listening: kept on this screen, and said so plainly.
  await cardById(first, id).click();
  await first.keyboard.press('Control+End');
  await first.keyboard.type(' since May');
  await expect(saveStatus(first)).toHaveText('Not saved yet');
  await expect(connectionStatus(first)).toHaveText(offline);

  Object.assign(server, await server.restart());

  // Both screens reconnect by themselves; the offline edit reaches the other screen and is stored.
  await expect(connectionStatus(first)).toHaveText('Connected', { timeout: 10_000 });
  await expect(connectionStatus(second)).toHaveText('Connected', { timeout: 10_000 });
  await expect(cardById(second, id)).toHaveValue('Pat stays over on Friday nights since May');
  await expect(saveStatus(first)).toHaveText('All changes saved');

  // A fresh screen loads what the restarted server stored, the offline edit included.
  const third = await first.context().newPage();
  await third.goto(`${server.url}/meeting/demo-hollis`);
  await expect(cardById(third, id)).toHaveValue('Pat stays over on Friday nights since May');
});

test('closing the tab with an edit the server has not stored asks first', async () => {
  const id = await addCard(first, 'Safety goals', 'Saved before the outage');
  await expect(saveStatus(first)).toHaveText('All changes saved');
  await server.stop();
  await expect(connectionStatus(first)).toHaveText(offline);
  await cardById(first, id).click();
  await first.keyboard.press('Control+End');
  await first.keyboard.type(' and not after');
  await expect(saveStatus(first)).toHaveText('Not saved yet');

  const dialog = first.waitForEvent('dialog');
  await first.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe('beforeunload');
  await shown.dismiss();
  await expect(cardById(first, id)).toHaveValue(/and not after$/);

  Object.assign(server, await server.restart());
  await expect(saveStatus(first)).toHaveText('All changes saved', { timeout: 10_000 });
  await expect(cardById(second, id)).toHaveValue('Saved before the outage and not after');
});

test('coming back to the tab reconnects at once instead of waiting out the back-off', async () => {
  let attempts = 0;
  first.on('websocket', () => attempts++);
  await server.stop();
  await expect(connectionStatus(first)).toHaveText(offline);
  // After six failed attempts the back-off waits its longest (2.5 s) between tries.
  await expect.poll(() => attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
  Object.assign(server, await server.restart());
  await first.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(connectionStatus(first)).toHaveText('Connected', { timeout: 500 });
});
