import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  accessEnv,
  askToJoin,
  createFamily,
  createMeeting,
  openMeeting,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';
import { connectionStatus, holdSyncFrames } from './board-page.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
});
test.afterAll(async () => {
  await server.dispose();
});

const ruleCard = (page: Page, id: string): Locator => page.locator(`article[data-rule-id="${id}"]`);
/** What a rule card shows, its fields' values included (the chair's may still be text boxes). */
async function shownText(card: Locator): Promise<string> {
  let shown = '';
  await expect(async () => {
    shown = await card.evaluate(
      (element) =>
        `${element.textContent ?? ''} ${Array.from(element.querySelectorAll('textarea'), (field) => field.value).join(' ')}`,
    );
    expect(shown).toContain('Gran collects Tobi from school');
  }).toPass({ timeout: 15_000 });
  return shown;
}

test('a phone typing in a plan rule as the chair starts agreement is put right, not stopped: it says why, shows the plan as stored and can still answer', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const chair = await (await staffContext(browser)).newPage();
  await signIn(chair, server.url);
  await createFamily(chair, 'Adeyemi family', ['Tobi']);
  const meetingId = await createMeeting(chair, 'Network meeting');
  const code = await openMeeting(chair, 'Network meeting');
  await chair.goto(`${server.url}/chair/${meetingId}`);
  await expect(connectionStatus(chair)).toHaveText('Connected');
  await chair.getByRole('button', { name: /^\+ Add a danger statement/ }).click();
  await chair
    .getByRole('textbox', { name: 'Danger statement 1', exact: true })
    .fill('Tobi is left alone in the evenings.');

  const phone = await (await phoneContext(browser)).newPage();
  const gate = await holdSyncFrames(phone, /\/yjs\/[^/?]+\.plan/);
  await askToJoin(phone, server.url, code, 'Gran Adeyemi', 'Grandmother');
  const waiting = chair.getByTestId('lobby-person').filter({ hasText: 'Gran Adeyemi' });
  await waiting.getByLabel('Role for Gran Adeyemi').selectOption({ label: 'Family member' });
  await waiting.getByRole('button', { name: 'Let Gran Adeyemi in' }).click();
  await expect(phone).toHaveURL(new RegExp(`/phone/${meetingId}$`), { timeout: 15_000 });
  await expect(connectionStatus(phone)).toHaveText('Connected');

  // Gran adds a rule; the chair sees it, so the server has it.
  await phone.getByRole('button', { name: '+ Add a plan rule' }).click();
  const card = phone.locator('article[data-rule-id]').last();
  const ruleId = (await card.getAttribute('data-rule-id'))!;
  const what = card.getByRole('textbox', { name: 'What will happen, Rule 1', exact: true });
  await what.fill('Gran collects Tobi from school');
  await expect(shownText(ruleCard(chair, ruleId))).resolves.toContain('Gran collects Tobi from school');

  // She is still typing when the chair asks everyone to agree: her keystrokes reach the server
  // only after the plan is locked.
  gate.held = true;
  await what.click();
  await phone.keyboard.press('End');
  await phone.keyboard.type(' every Friday');
  await expect(what).toHaveValue('Gran collects Tobi from school every Friday');
  const plan = chair.getByTestId('plan-panel');
  await plan
    .getByLabel('Or say why the meeting agrees without them (this goes in the record)')
    .fill('The contingency plan is written on Monday.');
  await plan.getByRole('button', { name: 'Ask everyone to agree without them' }).click();
  await expect(plan.getByTestId('plan-stage')).toContainText('Everyone is being asked');
  await expect(phone.getByTestId('agreement-question')).toBeVisible({ timeout: 15_000 });
  gate.release();

  // The server refuses the late edit; the phone starts afresh from what the server has and
  // says so plainly, and does not stop.
  const refused = phone.getByTestId('refused-edit');
  await expect(refused).toContainText(
    'Your last change could not be saved because the plan is being agreed. Everything else is here.',
    { timeout: 15_000 },
  );
  await expect(connectionStatus(phone)).toHaveText('Connected', { timeout: 15_000 });
  await expect(phone.getByRole('button', { name: 'Reload the page' })).toHaveCount(0);
  await expect(ruleCard(phone, ruleId)).toContainText('Gran collects Tobi from school');
  await expect(ruleCard(phone, ruleId)).not.toContainText('every Friday');
  expect(await shownText(ruleCard(chair, ruleId))).not.toContain('every Friday');
  expect(await seriousViolations(phone)).toEqual([]);

  // She can still answer the agreement question, and the chair sees her answer.
  await phone.getByRole('button', { name: 'Yes, I agree' }).click();
  await expect(phone.getByTestId('my-answer')).toHaveText('You said you agree. Thank you.');
  await expect(
    plan.getByTestId('answers').locator('li').filter({ hasText: 'Gran Adeyemi agrees' }),
  ).toBeVisible();

  // The note goes once read; the plan stays as the server has it.
  await refused.getByRole('button', { name: 'Got it' }).click();
  await expect(refused).toHaveCount(0);
  await expect(connectionStatus(phone)).toHaveText('Connected');
  await phone.reload();
  await expect(ruleCard(phone, ruleId)).toContainText('Gran collects Tobi from school');
  await expect(ruleCard(phone, ruleId)).not.toContainText('every Friday');
});
