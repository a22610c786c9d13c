import { expect, test } from '@playwright/test';
import { chairGoesTo, openChair } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

test('[WORDS1] the plain-words check marks a statement as it is written, in the page, sending nothing anywhere', async ({
  browser,
}) => {
  const chair = await openChair(browser, server.url);
  // Every request the page makes from here on, and what it carries.
  const requests: { url: string; body: string }[] = [];
  chair.on('request', (request) => requests.push({ url: request.url(), body: request.postData() ?? '' }));
  await chairGoesTo(chair, 'Worries and goals');

  const statement = chair.getByRole('textbox', { name: 'Danger statement 1', exact: true });
  const check = chair.getByRole('group', { name: 'Plain-words check of Danger statement 1' });
  const poor = 'Mum is chaotic and there are safeguarding concerns. Jack was left alone in the flat.';
  await statement.fill(poor);
  await expect(check).toContainText('Plain words: 4 to look at again.');
  await expect(check.locator('li[data-kind="judgement"]')).toContainText('chaotic');
  await expect(check.locator('li[data-kind="judgement"]')).toContainText('say what happened');
  await expect(check.locator('li[data-kind="jargon"]')).toContainText(
    'safeguarding concerns is a service word a family may not know; try: worries about the children’s safety',
  );
  await expect(check.locator('li[data-kind="passive"]')).toContainText(
    'left says what happened but not who did it',
  );
  await expect(check).toContainText(/Reading age about \d+\./);
  // It never blocks: the words stay as written.
  await expect(statement).toHaveValue(poor);

  // Offline, the check still runs: it is all in the page.
  await chair.context().setOffline(true);
  await statement.fill('Dad hit Mum in front of Jack on Friday night. Jack hid under the table.');
  await expect(check).toContainText('Plain words: nothing to look at again.');
  await chair.context().setOffline(false);

  // Nothing went to another origin, and no request carried the words: the board's own sync
  // (a WebSocket to Kinboard, not a request) is the only place they travel.
  // (The chair console may already hold the checker's script by now, so there may be none.)
  const origin = new URL(server.url).origin;
  for (const request of requests) {
    expect(new URL(request.url).origin, request.url).toBe(origin);
    expect(request.url + request.body).not.toContain('chaotic');
    expect(request.url + request.body).not.toContain('safeguarding');
  }
  await chair.context().close();
});
