import { readFile } from 'node:fs/promises';
import { positionsInOrder, readDocx, readPdf, squeeze } from '@kinboard/server/export/read-back';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { phoneContext, staffContext } from './access-pages.ts';
import { connectionStatus } from './board-page.ts';

/**
 * [FIRST1]-[FIRST8] README.md's "Hold the demo meeting", step by step and word for word, from
 * a fresh data directory: the chair, the projector and two phones hold the seeded Hollis
 * meeting from the set-up link to the exports. Each numbered comment is the README's step.
 */
let server: TestServer;
test.beforeAll(async () => {
  // A first start: no ADMIN_EMAIL, so the server prints the one-time set-up link.
  server = await startServer({ env: { REQUIRE_SIGN_IN: 'true' } });
});
test.afterAll(async () => {
  await server.dispose();
});

const dani = { name: 'Dani Hollis', relationship: 'Mum', role: 'Family member' };
const sam = { name: 'Sam Okoro', relationship: 'Family friend and neighbour', role: 'Network member' };
const daniCard = 'I ask Mum to stay on Friday nights now';
const samCard = 'The front door lock is still broken';
const daniRule = 'Dani phones Pat before 6pm on a hard evening and Pat comes to stay';

/** Everything that went wrong on a page: console errors and warnings, failed requests, 4xx/5xx answers. */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return problems;
}

test('a newcomer holds the demo meeting by following the README, and every word is credited to its writer', async ({
  browser,
}) => {
  test.setTimeout(420_000);

  // 1. Sign in: the set-up link printed on first start.
  const setupLink = /create the first administrator at (\S+\/setup\?token=\S+)/.exec(server.output())?.[1];
  expect(setupLink, server.output()).toBeTruthy();
  const chair = await (await staffContext(browser)).newPage();
  await chair.goto(setupLink!);
  await chair.getByLabel('Your name').fill('Tom Price');
  await chair.getByLabel('Email').fill('tom@kinboard.example');
  await chair.getByLabel(/^Password/).fill('a long invented password');
  await chair.getByRole('button', { name: 'Create the administrator' }).click();
  await expect(chair.getByRole('heading', { name: 'Your families' })).toBeVisible();

  // 2. Open the meeting: the family page shows the children and network, and opens the demo.
  await chair.getByRole('link', { name: 'Hollis family' }).click();
  await expect(chair.getByRole('heading', { level: 1, name: 'Hollis family' })).toBeVisible();
  await expect(chair.getByRole('region', { name: 'Children' })).toContainText('Maisie');
  await expect(chair.getByRole('region', { name: 'Children' })).toContainText('Jack');
  await expect(chair.getByRole('region', { name: 'Network' })).toContainText(
    'Sam Okoro (Family friend and neighbour)',
  );
  const meeting = chair.getByTestId('meeting').filter({ hasText: 'Hollis family network meeting' });
  await meeting.getByRole('button', { name: 'Open the meeting' }).click();
  await expect(meeting.getByTestId('meeting-state')).toHaveText('Open');
  const code = (await meeting.getByTestId('join-code').textContent())!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await meeting.getByRole('link', { name: 'Go to the chair console' }).click();
  await expect(connectionStatus(chair)).toHaveText('Connected');
  await expect(chair.getByTestId('chair-join-code')).toHaveText(code);
  // [FIRST4] The chair's lobby has the QR code with the code: the join link, code and all.
  const chairQr = chair.getByTestId('chair-join-qr');
  await expect(chairQr.locator('svg')).toBeVisible();
  expect(await chairQr.getAttribute('data-link')).toBe(`${server.url}/join/${code.replace('-', '')}`);

  // 3. Put it on the projector.
  const [projector] = await Promise.all([
    chair.waitForEvent('popup'),
    chair.getByRole('link', { name: 'Open the projector view' }).click(),
  ]);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await expect(projector.getByTestId('join-qr').locator('svg')).toBeVisible();
  await expect(projector.getByTestId('projector-join-code')).toHaveText(code);

  // 4. Join from a phone, and 5. let them in: two phones, each by the join link.
  const phones: Page[] = [];
  const problems: string[][] = [];
  for (const person of [dani, sam]) {
    const phone = await (await phoneContext(browser)).newPage();
    problems.push(watchForProblems(phone));
    await phone.goto(`${server.url}/join/${code.replace('-', '')}`);
    await phone.getByLabel('Your name').fill(person.name);
    await phone.getByLabel('How do you know the child or children?').fill(person.relationship);
    await phone.getByRole('button', { name: 'Ask to join' }).click();
    const waiting = chair.getByTestId('lobby-person').filter({ hasText: person.name });
    await waiting.getByLabel(`Role for ${person.name}`).selectOption({ label: person.role });
    await waiting.getByRole('button', { name: `Let ${person.name} in` }).click();
    await expect(phone).toHaveURL(new RegExp(`/phone/demo-hollis$`), { timeout: 15_000 });
    await expect(connectionStatus(phone)).toHaveText('Connected');
    phones.push(phone);
  }
  const [daniPhone, samPhone] = phones as [Page, Page];
  // The phone says who its cards are from: the name and relationship given at the door.
  await expect(daniPhone.getByTestId('own-credit')).toHaveText('Your cards show: Dani Hollis (Mum)');

  // 6. Add cards: the chair's agenda moves the projector and the phones.
  await chair.getByRole('button', { name: 'Move everyone to: Worries and goals', exact: true }).click();
  await expect(projector.getByRole('heading', { name: 'What are we worried about?' })).toBeVisible();
  await expect(samPhone.locator('main.phone-column')).toHaveAttribute('data-column', 'worries');
  // [FIRST7] A practice word explains itself with a tap, in the primer's words.
  await samPhone.getByRole('button', { name: 'Complicating factors', exact: true }).click();
  await expect(samPhone.getByTestId('term-explanation').filter({ visible: true })).toHaveText(
    'Things that make life harder for the family but are not harm in themselves.',
  );
  await samPhone.getByRole('button', { name: 'Add a card to Complicating factors', exact: true }).click();
  await samPhone.keyboard.type(samCard);
  const samCredit = `${sam.name} (${sam.relationship})`;
  const projected = projector.locator('li[data-card-id]').filter({ hasText: samCard });
  // While Sam's phone still has the card open, the projector adds "still writing".
  await expect(projected.locator('.author')).toContainText(samCredit);
  await expect(
    chair.getByRole('textbox', { name: `Card in Complicating factors, written by ${samCredit}` }),
  ).toHaveValue(samCard);

  await chair.getByRole('button', { name: "Move everyone to: What's working well", exact: true }).click();
  await expect(daniPhone.locator('main.phone-column')).toHaveAttribute('data-column', 'workingWell');
  await daniPhone.getByRole('button', { name: 'Add a card to Existing strengths', exact: true }).click();
  await daniPhone.keyboard.type(daniCard);
  const daniCredit = 'Dani Hollis (Mum)';
  await expect(
    projector.locator('li[data-card-id]').filter({ hasText: daniCard }).locator('.author'),
  ).toContainText(daniCredit);
  await expect(
    chair.getByRole('textbox', { name: `Card in Existing strengths, written by ${daniCredit}` }),
  ).toHaveValue(daniCard);
  // The worker's cards from before the meeting are the worker's, never "Guest".
  await expect(chair.locator('.card .author').filter({ hasText: 'Guest' })).toHaveCount(0);

  // 7. Scale.
  await chair
    .getByRole('button', { name: 'Move everyone to: Scaling: where are we now, 0 to 10?', exact: true })
    .click();
  const scaling = chair.getByTestId('scaling-chair');
  await scaling.getByRole('button', { name: 'Ask question 1 now' }).click();
  for (const [index, phone] of phones.entries())
    await phone
      .getByTestId('scaling-round')
      .getByRole('radio', { name: String(index + 4), exact: true })
      .click();
  for (const [index, phone] of phones.entries())
    await expect(phone.getByTestId('scaling-mine')).toHaveText(`You chose ${index + 4}.`);
  await scaling.getByRole('button', { name: 'Show everyone’s numbers' }).click();
  await expect(projector.getByTestId('projector-scaling').getByTestId('scale-point')).toHaveCount(2);
  await scaling.getByRole('button', { name: 'Finish and go back to the board' }).click();

  // 8. Agree the plan: the projector follows the chair to the plan and shows the rule as written [FIRST5].
  await chair
    .getByRole('button', { name: 'Move everyone to: Plan rules: who does what, when', exact: true })
    .click();
  await expect(projector.getByTestId('projector-plan')).toBeVisible();
  await daniPhone.getByRole('button', { name: '+ Add a plan rule' }).click();
  const rule = daniPhone.locator('article[data-rule-id]').last();
  await rule.getByRole('textbox', { name: 'What will happen, Rule 1', exact: true }).fill(daniRule);
  await rule.getByRole('button', { name: 'Add me' }).click();
  await rule.getByRole('checkbox', { name: 'Rule 1 answers Danger statement 1' }).check();
  await expect(projector.getByTestId('projector-plan')).toContainText(daniRule);
  await expect(projector.getByTestId('projector-plan')).toContainText('Dani Hollis');
  // [FIRST9] Each screen credits the rule to the writer the server recorded.
  const writtenBy = 'Written by Dani Hollis (Mum)';
  await expect(projector.getByTestId('projector-plan').locator('.writer')).toHaveText(writtenBy);
  await expect(chair.getByTestId('plan-panel').locator('article[data-rule-id] .writer')).toHaveText(
    writtenBy,
  );
  await expect(samPhone.locator('article[data-rule-id] .writer')).toHaveText(writtenBy);
  const plan = chair.getByTestId('plan-panel');
  // The demo's plan lacks a rule for its second statement and a contingency plan: the chair
  // says why the meeting agrees without them, as the README says [PLAN9].
  await expect(plan.getByTestId('essentials-missing')).toContainText('a contingency plan');
  await plan
    .getByLabel('Or say why the meeting agrees without them (this goes in the record)')
    .fill('The network writes the contingency plan with the social worker this week.');
  await plan.getByRole('button', { name: 'Ask everyone to agree without them' }).click();
  for (const phone of phones) {
    await expect(phone.getByTestId('agreement-question')).toBeVisible();
    await phone.getByRole('button', { name: 'Yes, I agree' }).click();
  }
  await plan.getByRole('button', { name: 'Finalise the agreed plan' }).click();
  await expect(plan.getByTestId('plan-stage')).toContainText('Agreed plan, version 1');

  // [FIRST6] No phone logged an error or a warning, or had a request fail, from the join link on.
  for (const [index, each] of problems.entries()) expect(each, `phone ${index + 1}`).toEqual([]);

  // 9. Export, from the family's page.
  await chair.goto(`${server.url}/staff/families/demo-hollis-family`);
  const downloads = chair.getByRole('list', { name: /^Downloads for Hollis family network meeting/ });
  const download = async (name: string) => {
    const [file] = await Promise.all([
      chair.waitForEvent('download'),
      downloads.getByRole('link', { name, exact: true }).click(),
    ]);
    return readFile((await file.path())!);
  };
  // [EXPORT5] The family's own words hold Dani's card, credited to her, and not Sam's worry
  // nor the worker's cards.
  const familyPlan = squeeze((await readPdf(await download('Plan for the family (PDF)'))).text);
  const own = familyPlan.slice(familyPlan.indexOf(squeeze("In the family's own words")));
  positionsInOrder(own, [
    squeeze("In the family's own words"),
    squeeze(daniCard),
    squeeze(`Said by: ${daniCredit}`),
  ]);
  const ownSection = own.slice(0, own.indexOf(squeeze('Bottom lines')));
  expect(ownSection).not.toContain(squeeze(samCard));
  expect(ownSection).not.toContain(squeeze('Sam Okoro'));
  expect(ownSection).not.toContain(squeeze('The flat is on a busy road'));
  expect(familyPlan).not.toContain('Guest');
  // [EXPORT6] The case record names each person by what the server recorded.
  const record = await readDocx(await download('Record for the case system (Word)'));
  positionsInOrder(squeeze(record), [squeeze(daniRule), squeeze('Dani Hollis')]);
  expect(record).toContain(sam.name);
  expect(record).not.toContain('Guest');
});
