import {
  addScalingQuestion,
  pairStatementWithGoal,
  readScalingQuestions,
  readStatementPairs,
} from '@kinboard/shared';
import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { chairGoesTo } from './board-page.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import {
  accessEnv,
  admin,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';

const day = 24 * 3_600_000;
const statement = 'We worry that Dad drives the children after drinking.';
const question = 'How safe are the children on Sundays?';
const patWorry = 'Dad still drives after a drink on Sundays';
const patOffer = 'I can have the children every Sunday afternoon';
const patWell = 'Maisie tells me when she is scared';
let server: TestServer;
let meetingId: string;

/** A review ten days ahead, drafted by the worker in its frame before it opens. */
test.beforeAll(async () => {
  server = await startServer({ env: { ...accessEnv, TEST_CLOCK: 'true' } });
  const signedIn = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, Record<string, string>>;
  const familyId = (await post('/api/families', { name: 'Hollis', children: [{ name: 'Maisie' }] }))[
    'family'
  ]!['id']!;
  const date = new Date(Date.now() + 10 * day).toISOString().slice(0, 10);
  meetingId = (
    await post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date,
      title: 'Hollis review',
    })
  )['meeting']!['id']!;
  const frame = connectStockClient(server.wsUrl, `${meetingId}.frame`, { cookie });
  await frame.synced;
  pairStatementWithGoal(frame.doc, { statement, goal: 'The children are only driven by a sober adult.' });
  addScalingQuestion(frame.doc, {
    text: question,
    zeroMeans: 'not safe at all',
    tenMeans: 'completely safe',
  });
  await expect.poll(() => readStatementPairs(storedDoc(server.dataDir, `${meetingId}.frame`)).length).toBe(1);
  await expect
    .poll(() => readScalingQuestions(storedDoc(server.dataDir, `${meetingId}.frame`)).length)
    .toBe(1);
  frame.destroy();
});
test.afterAll(async () => {
  await server.dispose();
});

/** Moves the server's days on [CLOCK1]. */
const daysPass = (days: number) =>
  fetch(`${server.url}/api/test-clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceByMs: days * day }),
  });

test('[DRAFT2] [DRAFT3] [PRIOR1] [PRIOR4] [PRIOR5] [PRIOR6] drafts shared 3 days before; Nan, who cannot come, reads them and sends her view; the chair brings it in', async ({
  browser,
}) => {
  const staff = await (await staffContext(browser)).newPage();
  await signIn(staff, server.url);
  await staff.goto(`${server.url}/chair/${meetingId}`);
  const before = staff.getByRole('region', { name: 'Before the meeting' });
  await before.getByRole('button', { name: '3 days before the meeting' }).click();
  await before.getByRole('button', { name: 'Share from then' }).click();
  await expect(before.getByTestId('drafts-share-status')).toContainText('The drafts are shared from');
  await before.getByLabel('Their name').fill('Pat Hollis');
  await before.getByLabel('How they know the child').fill('Nan');
  await before.getByRole('button', { name: 'Give the pass' }).click();
  await expect(before.getByRole('img', { name: 'QR code of the pass for Pat Hollis' })).toBeVisible();
  const link = await before.getByLabel('The pass link for Pat Hollis').inputValue();
  expect(await seriousViolations(staff)).toEqual([]);

  // Her phone, a week before the share: who the pass is for, and no drafts yet.
  const phoneContextOfPat = await phoneContext(browser);
  const phone = await phoneContextOfPat.newPage();
  await phone.goto(link);
  await expect(phone.getByText(/^For Pat Hollis \(Nan\): Hollis review/)).toBeVisible();
  expect(phone.url()).toBe(`${server.url}/pass/drafts`);
  await expect(phone.getByTestId('drafts-not-yet')).toBeVisible();
  await expect(phone.getByText(statement)).toHaveCount(0);

  // Eight days on, three days before the meeting: the drafts are there.
  await daysPass(8);
  await phone.reload();
  await expect(phone.getByTestId('drafts').getByText(statement)).toBeVisible();
  await phone.getByLabel('What worries you').fill(patWorry);
  await phone.getByLabel('What is working well').fill(patWell);
  await phone.getByLabel('What you can offer').fill(patOffer);
  await phone.getByLabel(new RegExp(`^${question}`)).selectOption('6');
  await phone.getByRole('button', { name: 'Send my view' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Your view is sent.' })).toBeVisible();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);
  // Nothing of the family in the phone's storage (SvelteKit keeps only its scroll positions there
  // across the reload).
  const stored = await phone.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  for (const words of [statement, question, patWorry, patOffer, 'Pat Hollis'])
    expect(stored).not.toContain(words);

  // The chair sees her view and brings it in: on the board as sent before the meeting by her,
  // her number beside the scaling question.
  await staff.reload();
  const view = staff.getByTestId('view-before');
  await expect(view).toContainText('Sent before the meeting by Pat Hollis (Nan)');
  await expect(view).toContainText(`${question}: 6`);
  await staff.getByRole('button', { name: 'Bring in the view of Pat Hollis' }).click();
  await expect(view).toContainText('Brought into the meeting.');
  const card = staff.getByRole('listitem').filter({ hasText: patWorry }).first();
  await expect(staff.getByText('sent before the meeting by Pat Hollis (Nan)').first()).toBeVisible();
  await expect(card).toBeVisible();
  await expect(staff.getByTestId('scaling-sent-before')).toContainText(
    'Sent before the meeting by Pat Hollis (Nan): 6',
  );
  expect(await seriousViolations(staff)).toEqual([]);

  // The projector credits it the same way, once the chair moves everyone to what is working well.
  const projector = await (await staffContext(browser)).newPage();
  await signIn(projector, server.url);
  await projector.goto(`${server.url}/projector/${meetingId}`);
  await chairGoesTo(staff, "What's working well");
  const shown = projector.locator('li').filter({ hasText: patWell });
  await expect(shown).toContainText('sent before the meeting by Pat Hollis (Nan)');
  await phoneContextOfPat.close();
});
