import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { connectionStatus } from './board-page.ts';
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
import { useTestServer } from './test-server.ts';

const server = useTestServer({ env: accessEnv });
// Four phones, a chair and a projector on a shared two-core machine: give each check some room.
const expect = baseExpect.configure({ timeout: 15_000 });

const question = 'How safe are Maisie and Jack at home right now?';

/** Every socket.io text frame a page receives, from every socket.io connection it opens. */
function recordSocketIo(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/socket.io/')) return;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') frames.push(payload);
    });
  });
  return frames;
}

const numbersIn = (frames: readonly string[]) =>
  [...frames.join('\n').matchAll(/"value":(\d+)/g)].map((match) => Number(match[1]));

const round = (page: Page) => page.getByTestId('scaling-round');
const choose = (page: Page, value: number) =>
  round(page).getByRole('radio', { name: String(value), exact: true });

/** The chair's console with a meeting open and a scaling question drafted. */
async function chairWithQuestion(browser: Browser, family: string, title: string) {
  const chair = await (await staffContext(browser)).newPage();
  await signIn(chair, server.url);
  await createFamily(chair, family, ['Maisie', 'Jack']);
  const familyPage = chair.url();
  const meetingId = await createMeeting(chair, title);
  const code = await openMeeting(chair, title);
  await chair.goto(`${server.url}/chair/${meetingId}`);
  await expect(connectionStatus(chair)).toHaveText('Connected');
  await draftQuestion(chair);
  return { chair, familyPage, meetingId, code };
}

async function draftQuestion(chair: Page) {
  const panel = chair.getByTestId('scaling-chair');
  // A new question starts from the practice's wording, both ends written and editable [SCALE11].
  await expect(panel.getByLabel('New scaling question')).toHaveValue(
    'On a scale of 0 to 10, where do we rate this situation right now?',
  );
  await expect(panel.getByLabel('Lowest end (0) of the new question')).toHaveValue(
    'Things are so bad for the children that they cannot live at home.',
  );
  await expect(panel.getByLabel('Highest end (10) of the new question')).toHaveValue(
    'Everyone knows the children are safe enough for the child protection authorities to close the case.',
  );
  await panel.getByLabel('New scaling question').fill(question);
  await panel.getByRole('button', { name: 'Add the question' }).click();
  await expect(panel.getByLabel('What 0 means')).toHaveValue(
    'Things are so bad for the children that they cannot live at home.',
  );
  await panel.getByLabel('What 0 means').fill('They cannot live at home');
  await panel.getByLabel('What 10 means').fill('Everyone knows they are safe enough for the case to close');
}

/** A phone at 360x740 joins with the code and the chair lets it in. */
async function phoneJoins(
  browser: Browser,
  chair: Page,
  code: string,
  meetingId: string,
  name: string,
  role: string,
) {
  const phone = await (await phoneContext(browser)).newPage();
  const frames = recordSocketIo(phone);
  await askToJoin(phone, server.url, code, name, 'Family');
  const waiting = chair.getByTestId('lobby-person').filter({ hasText: name });
  await waiting.getByLabel(`Role for ${name}`).selectOption({ label: role });
  await waiting.getByRole('button', { name: `Let ${name} in` }).click();
  await expect(phone).toHaveURL(new RegExp(`/phone/${meetingId}$`), { timeout: 10_000 });
  await expect(connectionStatus(phone)).toHaveText('Connected');
  return { phone, frames, name };
}

test('a round with the chair and four phones: secret until revealed, all five on the projector, a reload keeps an answer, an anonymous round shows no names', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const { chair, meetingId, code } = await chairWithQuestion(browser, 'Okafor family', 'Scaling meeting');
  const projector = await chair.context().newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`${server.url}/projector/${meetingId}`);

  const people = [
    await phoneJoins(browser, chair, code, meetingId, 'Nan Hollis', 'Family member'),
    await phoneJoins(browser, chair, code, meetingId, 'Dad Hollis', 'Family member'),
    await phoneJoins(browser, chair, code, meetingId, 'Aunt Bea', 'Network member'),
    await phoneJoins(browser, chair, code, meetingId, 'Ms Teacher', 'Professional'),
  ];

  // The chair asks, named and private (the defaults, said on every screen).
  const panel = chair.getByTestId('scaling-chair');
  await expect(panel.getByLabel('Show names with the numbers')).toBeChecked();
  await expect(panel.getByLabel('Numbers stay hidden until I show them')).toBeChecked();
  await panel.getByRole('button', { name: 'Ask question 1 now' }).click();
  for (const { phone } of people) {
    await expect(round(phone).getByTestId('scaling-question')).toHaveText(question);
    await expect(round(phone)).toContainText('0 means: They cannot live at home');
    await expect(round(phone)).toContainText('Only you can see your number');
  }
  await expect(projector.getByTestId('projector-scaling')).toContainText(question);
  expect(await seriousViolations(people[0]!.phone)).toEqual([]);
  expect(await overflow(people[0]!.phone)).toBeLessThanOrEqual(0);

  // Everyone answers; the fourth phone by keyboard only: into the group from the reason box, arrows to move.
  const chosen = [3, 5, 6];
  for (const [index, value] of chosen.entries()) {
    const { phone } = people[index]!;
    await round(phone).getByLabel('What makes it that number? (optional)').fill(`Reason from phone ${index}`);
    await choose(phone, value).check();
    await expect(round(phone).getByTestId('scaling-mine')).toHaveText(`You chose ${value}.`);
  }
  const keyboard = people[3]!.phone;
  await round(keyboard).getByLabel('What makes it that number? (optional)').focus();
  await keyboard.keyboard.press('Shift+Tab');
  await expect(choose(keyboard, 10)).toBeFocused();
  await keyboard.keyboard.press('ArrowLeft');
  await keyboard.keyboard.press('ArrowLeft');
  await expect(choose(keyboard, 8)).toBeChecked();
  await expect(round(keyboard).getByTestId('scaling-mine')).toHaveText('You chose 8.');
  await choose(chair, 2).check();
  await expect(round(chair).getByTestId('scaling-mine')).toHaveText('You chose 2.');
  await expect(projector.getByTestId('projector-answered')).toHaveText('5 people have answered.');
  for (const { phone } of people) {
    await expect(round(phone).getByTestId('scaling-answered')).toHaveText('5 people have answered.');
    await expect(round(phone).getByRole('list', { name: 'Who has answered' })).toContainText('Ms Teacher');
  }

  // A phone reloads mid-round and keeps its answer and its reason.
  await people[1]!.phone.reload();
  await expect(round(people[1]!.phone).getByTestId('scaling-mine')).toHaveText('You chose 5.');
  await expect(choose(people[1]!.phone, 5)).toBeChecked();
  await expect(round(people[1]!.phone).getByLabel('What makes it that number? (optional)')).toHaveValue(
    'Reason from phone 1',
  );

  // What each phone received before the reveal: its own number only, nobody else's reason.
  const own = [[3], [5], [6], [9, 8]];
  for (const [index, { frames, name }] of people.entries()) {
    expect(frames.some((frame) => frame.includes('scaling:round'))).toBe(true);
    const numbers = numbersIn(frames);
    expect(
      numbers.every((value) => own[index]!.includes(value)),
      `${name} received ${numbers}`,
    ).toBe(true);
    for (const other of [0, 1, 2].filter((each) => each !== index))
      expect(frames.join('\n')).not.toContain(`Reason from phone ${other}`);
  }
  await expect(projector.getByTestId('scale-point')).toHaveCount(0);

  // The reveal: every screen and the projector show all five, with names and the spread.
  await panel.getByRole('button', { name: 'Show everyone’s numbers' }).click();
  await expect(projector.getByTestId('scale-point')).toHaveCount(5);
  await expect(projector.getByTestId('scale-spread')).toHaveText('From 2 to 8; the middle is 5.');
  await expect(projector.getByTestId('projector-scaling')).toContainText('Aunt Bea (network): 6');
  await expect(projector.getByTestId('projector-scaling')).toContainText('What would make it one higher?');
  for (const { phone } of people) {
    await expect(round(phone).getByTestId('scale-point')).toHaveCount(5);
    await expect(round(phone)).toContainText('Nan Hollis (family): 3');
    await expect(round(phone)).toContainText('Reason from phone 2');
  }
  expect(await seriousViolations(people[2]!.phone)).toEqual([]);
  expect(await seriousViolations(projector)).toEqual([]);
  expect(await seriousViolations(chair)).toEqual([]);

  // The same question again, anonymous this time: no name on any screen or in any message.
  await panel.getByLabel('Show numbers without names').check();
  await panel.getByRole('button', { name: 'Ask question 1 now' }).click();
  const from = people.map(({ frames }) => frames.length);
  for (const [index, { phone }] of people.entries()) {
    await expect(round(phone)).toContainText('nobody will see who chose which');
    await choose(phone, index + 4).check();
    await expect(round(phone).getByTestId('scaling-mine')).toHaveText(`You chose ${index + 4}.`);
  }
  await choose(chair, 1).check();
  await expect(projector.getByTestId('projector-answered')).toHaveText('5 people have answered.');
  await panel.getByRole('button', { name: 'Show everyone’s numbers' }).click();
  await expect(projector.getByTestId('scale-point')).toHaveCount(5);
  const names = ['Nan Hollis', 'Dad Hollis', 'Aunt Bea', 'Ms Teacher', 'Administrator'];
  for (const page of [projector, chair, ...people.map(({ phone }) => phone)]) {
    const scaling = page === projector ? page.getByTestId('projector-scaling') : round(page);
    await expect(scaling.getByTestId('scale-point')).toHaveCount(5);
    const text = await scaling.textContent();
    for (const name of names) expect(text).not.toContain(name);
  }
  for (const [index, { frames }] of people.entries()) {
    const received = frames.slice(from[index]).join('\n');
    expect(received).toContain('scaling:round');
    for (const name of names) expect(received).not.toContain(name);
  }
  expect(await seriousViolations(people[0]!.phone)).toEqual([]);

  for (const page of [chair, ...people.map(({ phone }) => phone)]) await page.context().close();
});

test('two meetings for one family, scaled in each: the family page charts both', async ({ browser }) => {
  test.setTimeout(240_000);
  const { chair, familyPage, meetingId } = await chairWithQuestion(browser, 'Reyes family', 'First review');
  const panel = chair.getByTestId('scaling-chair');
  // The question can be about a statement; the picker names it by its words as they are typed.
  await chair.getByRole('button', { name: /^\+ Add a danger statement/ }).click();
  const statement = chair.getByRole('textbox', { name: 'Danger statement 1', exact: true });
  await statement.fill('Dani drinks');
  const about = panel.getByRole('combobox', { name: 'About' });
  await expect(about.getByRole('option', { name: 'Statement 1: Dani drinks' })).toHaveCount(1);
  await statement.pressSequentially(' in the evening');
  await expect(about.getByRole('option', { name: 'Statement 1: Dani drinks in the evening' })).toHaveCount(1);
  await panel.getByRole('button', { name: 'Ask question 1 now' }).click();
  await choose(chair, 3).check();
  await expect(round(chair).getByTestId('scaling-mine')).toHaveText('You chose 3.');
  await panel.getByRole('button', { name: 'Show everyone’s numbers' }).click();
  await expect(round(chair).getByTestId('scale-point')).toHaveCount(1);
  expect(meetingId).toBeTruthy();

  await chair.goto(familyPage);
  const second = await createMeeting(chair, 'Second review');
  await openMeeting(chair, 'Second review');
  await chair.goto(`${server.url}/chair/${second}`);
  await expect(connectionStatus(chair)).toHaveText('Connected');
  // Typed again in the new meeting: the same words make it the same question.
  await draftQuestion(chair);
  await panel.getByRole('button', { name: 'Ask question 1 now' }).click();
  await choose(chair, 6).check();
  await expect(round(chair).getByTestId('scaling-mine')).toHaveText('You chose 6.');
  await panel.getByRole('button', { name: 'Show everyone’s numbers' }).click();
  await expect(round(chair).getByTestId('scale-point')).toHaveCount(1);

  await chair.goto(familyPage);
  const chart = chair.getByTestId('scaling-progress-question').filter({ hasText: question });
  await expect(chart).toHaveCount(1);
  await expect(chart.getByTestId('scaling-progress-round')).toHaveCount(2);
  await expect(chart.getByRole('img')).toHaveAccessibleName(/across 2 meetings/);
  const rows = chart.getByRole('row');
  await expect(rows.filter({ hasText: 'First review' })).toContainText('Administrator (staff): 3');
  await expect(rows.filter({ hasText: 'Second review' })).toContainText('Administrator (staff): 6');
  expect(await seriousViolations(chair)).toEqual([]);
  await chair.context().close();
});
