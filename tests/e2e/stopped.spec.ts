import { expect, test } from '@playwright/test';
import { connectionStatus } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

// The real server only sends these codes in situations later issues build (closed meetings,
// stale clients), so the sync socket is stood in for here with the code under test.
for (const { code, sentence } of [
  { code: 4410, sentence: 'This meeting has finished. The board is no longer shared.' },
  { code: 4426, sentence: 'This page is out of date. Reload the page to carry on.' },
  // Access that ended [ACCESS22] [ACCESS27]: the screen says so and never reconnects in a loop.
  { code: 4440, sentence: 'You have been signed out, so this screen stopped. Sign in again to carry on.' },
  {
    code: 4441,
    sentence:
      'This meeting was opened on another screen with your link, so this one stopped. Use the newer screen, or reload this page to move back here.',
  },
]) {
  test(`a ${code} close stops retrying and says why in plain words`, async ({ page }) => {
    let attempts = 0;
    await page.routeWebSocket(/\/yjs\/demo-hollis\.map/, (socket) => {
      attempts++;
      socket.close({ code, reason: 'test' });
    });
    await page.goto(`${server.url}/meeting/demo-hollis`);
    await expect(connectionStatus(page)).toHaveText(sentence);
    await expect(page.getByRole('button', { name: 'Reload the page' })).toBeVisible();
    // Coming back to the tab must not start again either.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    // Proving that nothing happens needs a wait: the first retry would come after 200 ms, the
    // second after 400 ms, so one second is plenty to see one.
    await page.waitForTimeout(1_000);
    expect(attempts).toBe(1);
  });
}

test('a timed-out close (4408) keeps retrying, which y-websocket alone would not', async ({ page }) => {
  let attempts = 0;
  await page.routeWebSocket(/\/yjs\/demo-hollis\.map/, (socket) => {
    attempts++;
    if (attempts < 3) socket.close({ code: 4408, reason: 'test' });
    else socket.connectToServer();
  });
  await page.goto(`${server.url}/meeting/demo-hollis`);
  await expect(connectionStatus(page)).toHaveText('Connected');
  expect(attempts).toBe(3);
});
