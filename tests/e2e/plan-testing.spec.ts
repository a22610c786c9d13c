import { pairStatementWithGoal, planRules, readPlanTests, type PlanTest } from '@kinboard/shared';
import { expect, test, type BrowserContext } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/eventually.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import {
  accessEnv,
  createFamily,
  createMeeting,
  openMeeting,
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

test('[PLAN10] [PLAN11] the chair tests the plan at Saturday 2am with Dad drinking: one statement is left with nobody, and the decision is recorded', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const chair = await context.newPage();
  await signIn(chair, server.url);
  await createFamily(chair, 'Reid', ['Ellie']);
  const meetingId = await createMeeting(chair, 'Reid conference');
  await openMeeting(chair, 'Reid conference');

  // Two statements; one rule for nights when Dad has been drinking, one for school mornings.
  const cookie = await cookieHeader(context);
  const frame = connectStockClient(server.wsUrl, `${meetingId}.frame`, { cookie });
  const plan = connectStockClient(server.wsUrl, `${meetingId}.plan`, { cookie });
  await Promise.all([frame.synced, plan.synced]);
  const nights = pairStatementWithGoal(frame.doc, {
    statement: 'Dad drinks and shouts at night.',
    goal: 'A sober adult is with Ellie every night.',
  });
  pairStatementWithGoal(frame.doc, {
    statement: 'Ellie is left alone when Dad goes out.',
    goal: 'Ellie always has an adult with her.',
  });
  planRules.add(plan.doc, {
    what: 'Gran comes over and stays.',
    triggers: 'Dad has been drinking',
    who: [{ name: 'Gran Reid' }],
    answers: [nights],
  });
  const school = planRules.add(plan.doc, { what: 'Mum walks Ellie to school.', who: [{ name: 'Mum Reid' }] });
  for (const token of ['day:mon', 'day:tue', 'day:wed', 'day:thu', 'day:fri', 'part:morning'])
    planRules.setMoment(plan.doc, school, token, true);
  await eventually(() =>
    expect(storedDoc(server.dataDir, `${meetingId}.plan`).getMap('planRules').size).toBe(2),
  );
  frame.destroy();
  plan.destroy();

  await chair.goto(`${server.url}/chair/${meetingId}`);
  await expect(connectionStatus(chair)).toHaveText('Connected');
  const panel = chair.getByTestId('plan-panel');

  // The chair marks the first rule for weekend nights, from the rule card.
  const rule = panel.locator('article[data-rule-id]').first();
  await rule.getByRole('checkbox', { name: 'Saturday, Rule 1' }).check();
  await rule.getByRole('checkbox', { name: 'Sunday, Rule 1' }).check();
  await rule.getByRole('checkbox', { name: 'Night (10pm to 6am), Rule 1' }).check();
  await rule.getByRole('checkbox', { name: 'Morning (6am to noon), Rule 1' }).check();
  await rule.getByRole('checkbox', { name: 'Morning (6am to noon), Rule 1' }).uncheck();
  await rule
    .getByRole('textbox', { name: 'How often, Rule 1', exact: true })
    .fill('Every time Dad has been drinking');

  // The moment: Saturday, 2am, Dad has been drinking.
  const testing = chair.getByTestId('plan-testing');
  await testing.getByLabel('Day').selectOption({ label: 'Saturday' });
  await testing.getByLabel('Time').fill('02:00');
  await testing
    .getByLabel('What is happening then (triggers, separated by commas)')
    .fill('Dad has been drinking');
  await expect(testing.getByTestId('applying-rules')).toHaveText('Rule 1: Gran comes over and stays.');
  await expect(testing.getByTestId('named-then')).toHaveText('Gran Reid');
  const left = testing.getByTestId('left-with-nobody');
  await expect(left).toContainText('Danger statement 2: Ellie is left alone when Dad goes out.');
  await expect(left).not.toContainText('Danger statement 1');

  // On a sober Saturday afternoon no rule applies, and both statements are left with nobody.
  await testing.getByLabel('Time').fill('15:00');
  await expect(testing.getByText('No rule applies at this moment.')).toBeVisible();
  await expect(left).toContainText('Danger statement 1');
  await testing.getByLabel('Time').fill('02:00');
  await expect(left).not.toContainText('Danger statement 1');

  // The chair records what the meeting decided about the uncovered statement.
  const decided = 'Uncle Sam stays over on Saturdays when Dad goes out; Gran takes the drinking nights.';
  await testing.getByLabel('What the meeting decided about this moment').fill(decided);
  await testing.getByRole('button', { name: 'Record this test' }).click();
  await expect(testing.getByTestId('plan-tests')).toContainText(
    'Saturday at 02:00, Dad has been drinking · left with nobody: Danger statement 2',
  );
  await expect(testing.getByTestId('plan-tests')).toContainText(decided);
  expect(await seriousViolations(chair)).toEqual([]);

  // Kept on the server with the moment, who was named and what was left.
  let stored: PlanTest[] = [];
  await eventually(() => {
    stored = readPlanTests(storedDoc(server.dataDir, `${meetingId}.plan`));
    expect(stored).toHaveLength(1);
  });
  expect(stored[0]).toMatchObject({
    fields: { day: 'sat', time: '02:00', triggers: 'Dad has been drinking', decision: decided },
    who: [{ name: 'Gran Reid' }],
    answers: [expect.any(String)],
  });
  expect(stored[0]!.answers).not.toContain(nights);
  // And the rule keeps its moments.
  const rules = planRules.read(storedDoc(server.dataDir, `${meetingId}.plan`));
  expect(rules[0]!.moments.sort()).toEqual(['day:sat', 'day:sun', 'part:night']);
  expect(rules[0]!.fields.howOften).toBe('Every time Dad has been drinking');
});
