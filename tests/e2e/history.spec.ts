import { addCard, editCardText, pairStatementWithGoal, readCards } from '@kinboard/shared';
import { expect, test } from '@playwright/test';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { Browser as ApiBrowser, staffPassword } from '../multi-client/access-http.ts';
import {
  accessEnv,
  admin,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';

let server: TestServer;
const cookieOf = (browser: ApiBrowser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * [HISTORY6] A card written by three people (a grandmother on her phone, the administrator and
 * a colleague, stock Yjs clients let in through the real server), compacted and the server
 * restarted: the family page shows its versions, who wrote each and when.
 */
test.beforeAll(async () => {
  server = await startServer({
    env: { ...accessEnv, TRUST_PROXY: 'true', COMPACT_AFTER_UPDATES: '10', DOCUMENT_UNLOAD_DELAY_MS: '100' },
  });
  const chair = new ApiBrowser(server, '10.8.0.1');
  await chair.post('/api/session', { email: admin.email, password: admin.password });
  const familyId: string = (await chair.post('/api/families', { name: 'Okafor' })).body.family.id;
  const samId: string = (
    await chair.post('/api/staff', {
      email: 'sam@kinboard.example',
      name: 'Sam Reyes',
      password: staffPassword,
      role: 'staff',
    })
  ).body.staff.id;
  await chair.post(`/api/families/${familyId}/access`, { staffId: samId });
  const sam = new ApiBrowser(server, '10.8.0.2');
  await sam.post('/api/session', { email: 'sam@kinboard.example', password: staffPassword });
  const meetingId: string = (
    await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-03',
      title: 'Okafor network meeting',
    })
  ).body.meeting.id;
  const code: string = (await chair.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
  const gran = new ApiBrowser(server, '10.8.0.3');
  const granId: string = (
    await gran.post('/api/join', { code, name: 'Grace Okafor', relationship: 'grandmother' })
  ).body.participantId;
  await chair.post(`/api/meetings/${meetingId}/participants/${granId}/admit`, { role: 'family' });

  const clients: StockClient[] = [gran, chair, sam].map((browser) =>
    connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie: cookieOf(browser) }),
  );
  const frame = connectStockClient(server.wsUrl, `${meetingId}.frame`, { cookie: cookieOf(chair) });
  await Promise.all([...clients, frame].map((client) => client.synced));
  const [granClient, chairClient, samClient] = clients as [StockClient, StockClient, StockClient];
  const everywhere = (text: string) =>
    eventually(() => {
      for (const client of clients) expect(readCards(client.doc).map((card) => card.text)).toEqual([text]);
    });
  const cardId = addCard(granClient.doc, {
    domain: 'existingStrengths',
    text: 'Grace walks the children to school',
    author: 'Grace Okafor',
    authorId: `guest:${granId}`,
    perspective: 'family',
  });
  await everywhere('Grace walks the children to school');
  for (const word of [' every', ' morning'])
    editCardText(chairClient.doc, cardId, `${readCards(chairClient.doc)[0]!.text}${word}`);
  await everywhere('Grace walks the children to school every morning');
  editCardText(samClient.doc, cardId, 'Grace walks the children to school every morning, rain or shine');
  await everywhere('Grace walks the children to school every morning, rain or shine');
  pairStatementWithGoal(frame.doc, {
    statement: 'We worry about the evenings.',
    goal: 'A sober adult every evening.',
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const client of [...clients, frame]) client.destroy();
  // The room unloads and compacts; then the server restarts.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  server = await server.restart();
});
test.afterAll(async () => {
  await server.dispose();
});

test('[HISTORY6] the family page shows who wrote each version of a card, by keyboard, axe-clean', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Okafor', exact: true }).click();
  const meeting = page.getByTestId('meeting').filter({ hasText: 'Okafor network meeting' });
  const disclosure = meeting.getByText('History of this meeting’s board');
  await disclosure.focus();
  await page.keyboard.press('Enter');
  const card = meeting.getByTestId('history-item').filter({ hasText: 'Card: Grace walks the children' });
  await expect(card).toBeVisible();
  await card.locator('summary').focus();
  await page.keyboard.press('Enter');
  const versions = card.getByTestId('history-version');
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText('Added by Grace Okafor (Family member) on ');
  await expect(versions.nth(0)).toContainText('Grace walks the children to school');
  await expect(versions.nth(1)).toContainText('Changed by Administrator (staff) on ');
  await expect(versions.nth(1)).toContainText('Grace walks the children to school every morning');
  await expect(versions.nth(2)).toContainText('Changed by Sam Reyes (staff) on ');
  await expect(versions.nth(2)).toContainText('rain or shine');
  // The time is the reader's own clock's words for when the server stored it: today's date.
  await expect(versions.nth(2)).toContainText(new Date().getFullYear().toString());
  await expect(
    meeting.getByTestId('history-item').filter({ hasText: 'Statement: We worry about the evenings.' }),
  ).toBeVisible();
  await expect(
    meeting.getByTestId('history-item').filter({ hasText: 'Goal: A sober adult every evening.' }),
  ).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('[HISTORY6] the history fits a 360 px phone', async ({ browser }) => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Okafor', exact: true }).click();
  const meeting = page.getByTestId('meeting').filter({ hasText: 'Okafor network meeting' });
  await meeting.getByText('History of this meeting’s board').click();
  const card = meeting.getByTestId('history-item').filter({ hasText: 'Card: Grace walks the children' });
  await card.locator('summary').click();
  await expect(card.getByTestId('history-version')).toHaveCount(3);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await context.close();
});
