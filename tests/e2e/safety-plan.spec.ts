import { closeCodes, planRules, readPlanRules } from '@kinboard/shared';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
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
import { connectionStatus } from './board-page.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
});
test.afterAll(async () => {
  await server.dispose();
});

const cookieHeader = async (context: BrowserContext) =>
  (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

/** The phone's rule cards (not the "my part" list, which names rules too). */
const ruleCards = (page: Page): Locator => page.locator('article[data-rule-id]');
const ruleCard = (page: Page, id: string): Locator => page.locator(`article[data-rule-id="${id}"]`);
const myPartRules = (page: Page): Locator => page.getByTestId('my-part').locator('li[data-rule-id] strong');

/** Lets a waiting phone in from the chair's lobby with a role. */
async function admit(chair: Page, name: string, role: string) {
  const waiting = chair.getByTestId('lobby-person').filter({ hasText: name });
  await waiting.getByLabel(`Role for ${name}`).selectOption({ label: role });
  await waiting.getByRole('button', { name: `Let ${name} in` }).click();
  await expect(chair.getByTestId('lobby-admitted')).toContainText(name);
}

/**
 * A phone adds a rule with one tap, writes what will happen, adds themselves and ticks the
 * statement it answers. Returns the rule's id.
 */
async function addRule(phone: Page, what: string, statement: number, options: { keyboard?: boolean } = {}) {
  const before = await ruleCards(phone).count();
  const add = phone.getByRole('button', { name: '+ Add a plan rule' });
  if (options.keyboard) {
    await add.focus();
    await phone.keyboard.press('Enter');
  } else await add.click();
  await expect(ruleCards(phone)).toHaveCount(before + 1);
  const card = ruleCards(phone).last();
  const id = (await card.getAttribute('data-rule-id'))!;
  const label = `Rule ${before + 1}`;
  const whatField = card.getByRole('textbox', { name: `What will happen, ${label}`, exact: true });
  if (options.keyboard) {
    // The new rule's first field has the focus: type straight away.
    await expect(whatField).toBeFocused();
    await phone.keyboard.type(what);
  } else await whatField.fill(what);
  await card.getByRole('button', { name: 'Add me' }).click();
  await card.getByRole('checkbox', { name: `${label} answers Danger statement ${statement}` }).check();
  return id;
}

test('three phones and the chair build, offer, agree and finalise the plan; the server refuses edits after; each phone shows its part', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const chair = await (await staffContext(browser)).newPage();
  await signIn(chair, server.url);
  await createFamily(chair, 'Okafor family', ['Maisie', 'Jack']);
  const meetingId = await createMeeting(chair, 'Family network meeting');
  const code = await openMeeting(chair, 'Family network meeting');
  await chair.goto(`${server.url}/chair/${meetingId}`);
  await expect(connectionStatus(chair)).toHaveText('Connected');

  // The chair writes two danger statements.
  for (const [index, text] of [
    'Dani drinks in the evening and falls asleep.',
    'There is shouting at handover.',
  ].entries()) {
    await chair.getByRole('button', { name: /^\+ Add a danger statement/ }).click();
    await chair.getByRole('textbox', { name: `Danger statement ${index + 1}`, exact: true }).fill(text);
  }
  const plan = chair.getByTestId('plan-panel');
  await expect(plan.getByText('No plan rules yet. Add the first one.')).toBeVisible();

  // Three phones join by the code and are let in.
  const people = [
    { name: 'Nan Hollis', relationship: 'Grandmother', role: 'Family member' },
    { name: 'Tom Reyes', relationship: 'Uncle', role: 'Network member' },
    { name: 'Pat Green', relationship: 'Neighbour', role: 'Network member' },
  ];
  const phones: Page[] = [];
  for (const person of people) {
    const phone = await (await phoneContext(browser)).newPage();
    await askToJoin(phone, server.url, code, person.name, person.relationship);
    await admit(chair, person.name, person.role);
    await expect(phone).toHaveURL(new RegExp(`/phone/${meetingId}$`), { timeout: 10_000 });
    await expect(connectionStatus(phone)).toHaveText('Connected');
    phones.push(phone);
  }
  const [nan, tom, pat] = phones as [Page, Page, Page];
  await expect(nan.getByTestId('my-part')).toContainText('Nothing in the plan names you yet.');

  // Nan and Tom each add a rule answering the first statement; the second has none: warned.
  const nanRule = await addRule(nan, 'Nan stays over on Friday nights', 1);
  await expect(plan.getByTestId('uncovered-warning').first()).toContainText('There is shouting at handover.');
  const tomRule = await addRule(tom, 'Tom phones at 9pm to check there is a sober adult', 1, {
    keyboard: true,
  });
  await expect(ruleCards(chair)).toHaveCount(2);
  await expect(plan.getByTestId('uncovered-warning').first()).toBeVisible();
  expect(await seriousViolations(chair)).toEqual([]);

  // Pat's rule answers the second statement: the warning clears.
  const patRule = await addRule(pat, 'Handovers happen at Pat’s house', 2);
  await expect(plan.getByTestId('uncovered-warning')).toHaveCount(0);
  await expect(plan.getByTestId('all-covered').first()).toBeVisible();
  await expect(
    ruleCard(chair, patRule).getByRole('checkbox', { name: 'Rule 3 answers Danger statement 2' }),
  ).toBeChecked();

  // Pat offers to help with Nan's rule; the chair confirms; the server adds Pat to it.
  await ruleCard(pat, nanRule).getByRole('button', { name: 'I can do this' }).click();
  await expect(ruleCard(pat, nanRule)).toContainText('You offered to do this. The chair will confirm.');
  const offer = plan.locator('li[data-offer-id]').filter({ hasText: 'Pat Green offers to do Rule 1' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Confirm: Pat Green' }).click();
  await expect(plan.getByText('No offers waiting.')).toBeVisible();
  await expect(ruleCard(pat, nanRule)).toContainText('You are on this rule.');
  await expect(ruleCard(chair, nanRule).locator('li.person')).toHaveText([/^Nan Hollis/, /^Pat Green/]);

  // The chair writes a next step; a phone reads it under the plan's other parts.
  await plan.getByRole('button', { name: '+ Add a next step' }).click();
  const nextStepWhat = plan.getByRole('textbox', { name: 'What will happen, Next step 1', exact: true });
  await expect(nextStepWhat).toBeFocused();
  await nextStepWhat.fill('Book the review meeting');
  await plan.getByRole('textbox', { name: 'By when, Next step 1', exact: true }).fill('Friday');
  await nan.locator('.phone-plan details > summary').click();
  await expect(nan.locator('section[aria-labelledby="nextSteps-title"]')).toContainText(
    'Book the review meeting',
  );
  await expect(nan.locator('section[aria-labelledby="nextSteps-title"]')).toContainText('Friday');

  // The plan screens have no serious accessibility problems and fit the phone.
  expect(await seriousViolations(pat)).toEqual([]);
  for (const phone of phones) expect(await overflow(phone)).toBeLessThanOrEqual(0);

  // There is no contingency plan: the chair asks only after saying why [PLAN9].
  await expect(plan.getByTestId('essentials-missing')).toContainText('a contingency plan');
  const askAnyway = plan.getByRole('button', { name: 'Ask everyone to agree without them' });
  await expect(askAnyway).toBeDisabled();
  await plan
    .getByLabel('Or say why the meeting agrees without them (this goes in the record)')
    .fill('Nan writes the contingency plan with the social worker on Monday.');
  // The chair asks everyone: the plan locks on every screen.
  await askAnyway.click();
  await expect(plan.getByTestId('plan-stage')).toContainText('Everyone is being asked');
  for (const phone of phones) {
    await expect(phone.getByTestId('agreement-question')).toBeVisible();
    await expect(phone.getByRole('textbox', { name: 'What will happen, Rule 1', exact: true })).toHaveCount(
      0,
    );
  }
  await nan.getByRole('button', { name: 'Yes, I agree' }).click();
  await expect(nan.getByTestId('my-answer')).toHaveText('You said you agree. Thank you.');
  await tom.getByRole('button', { name: 'Yes, I agree' }).click();
  // Pat does not agree, and says why, with the keyboard alone.
  await pat.getByRole('button', { name: 'No, I do not agree' }).focus();
  await pat.keyboard.press('Enter');
  await expect(pat.getByLabel('Please say why you do not agree')).toBeVisible();
  expect(await seriousViolations(pat)).toEqual([]);
  await pat.getByLabel('Please say why you do not agree').focus();
  await pat.keyboard.type('I work late on Fridays');
  await pat.keyboard.press('Tab');
  await expect(pat.getByRole('button', { name: 'Send my answer' })).toBeFocused();
  await pat.keyboard.press('Enter');
  await expect(pat.getByTestId('my-answer')).toHaveText(
    'You said you do not agree: “I work late on Fridays”',
  );

  // The chair sees every answer as it comes.
  const answers = plan.getByTestId('answers').locator('li');
  await expect(answers).toHaveCount(3);
  await expect(
    answers.filter({ hasText: 'Pat Green does not agree: “I work late on Fridays”' }),
  ).toBeVisible();
  await expect(answers.filter({ hasText: 'Nan Hollis agrees' })).toBeVisible();
  await expect(answers.filter({ hasText: 'Tom Reyes agrees' })).toBeVisible();

  // Finalising stores the agreed version.
  await plan.getByRole('button', { name: 'Finalise the agreed plan' }).click();
  await expect(plan.getByTestId('plan-stage')).toContainText('Agreed · Agreed plan, version 1');
  for (const phone of phones)
    await expect(phone.getByText('This plan is agreed.', { exact: false })).toBeVisible();

  // An edit attempt now, with the phone's own pass and a stock Yjs client, is refused by the server.
  const attempt = connectStockClient(server.wsUrl, `${meetingId}.plan`, {
    cookie: await cookieHeader(tom.context()),
  });
  await attempt.synced;
  expect(readPlanRules(attempt.doc)).toHaveLength(3);
  const closed = new Promise<number>((resolve) =>
    attempt.provider.on('connection-close', (event) => event && resolve(event.code)),
  );
  planRules.edit(attempt.doc, tomRule, { what: 'Changed after it was agreed' });
  expect(await closed).toBe(closeCodes.refusedEdit);
  attempt.destroy();
  await expect(ruleCard(chair, tomRule)).toContainText('Tom phones at 9pm to check there is a sober adult');

  // "My part" on each phone shows exactly that person's rules.
  await expect(myPartRules(nan)).toHaveText(['Nan stays over on Friday nights']);
  await expect(myPartRules(tom)).toHaveText(['Tom phones at 9pm to check there is a sober adult']);
  await expect(myPartRules(pat)).toHaveText([
    'Nan stays over on Friday nights',
    'Handovers happen at Pat’s house',
  ]);
  expect(await seriousViolations(chair)).toEqual([]);

  for (const page of [chair, ...phones]) await page.context().close();
});
