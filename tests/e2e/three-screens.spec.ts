import { expect, test, type Page } from '@playwright/test';
import { useTestServer } from './test-server.ts';
import {
  addCard,
  cardById,
  chairGoesTo,
  openChair,
  openPhone,
  openProjector,
  shownColumn,
} from './board-page.ts';

const server = useTestServer();

let chair: Page;
let projector: Page;
let phone: Page;
test.beforeEach(async ({ browser }) => {
  chair = await openChair(browser, server.url);
  projector = await openProjector(browser, server.url);
  phone = await openPhone(browser, server.url);
});
test.afterEach(async () => {
  for (const page of [chair, projector, phone]) await page.context().close();
});

test('the phone and projector follow the chair, see each other’s cards and relabel together', async () => {
  // At the welcome the projector shows how to join.
  await chair.getByRole('button', { name: 'Welcome', exact: true }).click();
  await expect(projector.getByTestId('join-qr').locator('svg')).toBeVisible();
  await expect(projector.getByTestId('join-link')).toHaveText(`${server.url}/phone/demo-hollis`);

  await chairGoesTo(chair, "What's working well");
  await expect(shownColumn(phone)).toHaveText("What's working well?");
  await expect(shownColumn(projector)).toHaveText("What's working well?");

  // The phone adds a card with one tap; the projector shows it within a second.
  await phone.getByRole('button', { name: 'Add a card to Existing strengths', exact: true }).tap();
  const card = phone.locator('textarea:focus');
  await expect(card).toHaveAccessibleName('Card in Existing strengths, written by Guest');
  await phone.keyboard.type('Nan walks them to school');
  const id = (await card.getAttribute('data-card-id'))!;
  await expect(projector.locator(`li[data-card-id="${id}"] .text`)).toHaveText('Nan walks them to school', {
    timeout: 1_000,
  });
  // The room can see the card is still being written.
  await expect(projector.locator(`li[data-card-id="${id}"]`)).toContainText('still writing');
  await card.blur();
  await expect(projector.locator(`li[data-card-id="${id}"]`)).not.toContainText('still writing');

  // Wellbeing words on every screen; what people wrote is unchanged.
  await chair.getByRole('radio', { name: 'Signs of Wellbeing' }).check();
  await chairGoesTo(chair, 'Worries and goals');
  for (const page of [chair, projector, phone]) {
    await expect(page.locator('body')).toContainText(/worry statement/i);
    await expect(page.locator('body')).toContainText(/wellbeing goal/i);
    await expect(page.locator('body')).not.toContainText(/danger statement|safety goal/i);
    await expect(page.locator('body')).toContainText('Signs of Wellbeing');
  }
  await expect(cardById(chair, id)).toHaveValue('Nan walks them to school');
  await expect(cardById(chair, id)).toHaveAccessibleName('Card in Existing strengths, written by Guest');

  await chair.getByRole('radio', { name: 'Signs of Safety' }).check();
  await expect(phone.locator('body')).toContainText(/danger statement/i);
});

test('two people typing in one card keep both texts, and undo takes back only your own', async () => {
  await chairGoesTo(chair, 'Next steps and who gets a copy');
  await expect(shownColumn(phone)).toHaveText('What needs to happen?');
  const id = await addCard(chair, 'Next steps', 'middle');
  const onPhone = cardById(phone, id);
  await expect(onPhone).toHaveValue('middle');

  await onPhone.tap();
  await phone.keyboard.press('Control+Home');
  await Promise.all([
    chair.keyboard.type(' end', { delay: 30 }),
    phone.keyboard.type('start ', { delay: 30 }),
  ]);
  await expect(cardById(chair, id)).toHaveValue('start middle end');
  await expect(onPhone).toHaveValue('start middle end');

  // The phone undoes: its own words go, the chair's stay, on both screens.
  await phone.keyboard.press('Control+z');
  await expect(onPhone).toHaveValue('middle end');
  await expect(cardById(chair, id)).toHaveValue('middle end');
  await expect(projector.locator('body')).not.toContainText('start middle');

  // Redo brings them back; the chair's undo button takes back only the chair's words.
  await phone.keyboard.press('Control+Shift+z');
  await expect(cardById(chair, id)).toHaveValue('start middle end');
  await chair.getByRole('button', { name: 'Undo my last change' }).click();
  await expect(onPhone).not.toHaveValue(/end/);
  await expect(onPhone).toHaveValue(/^start /);
});

test('a phone in the middle of typing is not pulled away when the chair moves on', async () => {
  await chairGoesTo(chair, 'Worries and goals');
  await expect(shownColumn(phone)).toHaveText('What are we worried about?');

  await phone.getByRole('button', { name: 'Add a card to Danger', exact: true }).tap();
  const card = phone.locator('textarea:focus');
  await phone.keyboard.type('Dad shouts when');
  const id = (await card.getAttribute('data-card-id'))!;

  await chairGoesTo(chair, "What's working well");
  await expect(shownColumn(projector)).toHaveText("What's working well?");
  await expect(phone.getByTestId('chair-moved')).toHaveText(/The chair moved on to What's working well\?/);
  await expect(shownColumn(phone)).toHaveText('What are we worried about?');
  await expect(cardById(phone, id)).toBeFocused();
  await phone.keyboard.type(' he is tired');
  await expect(cardById(chair, id)).toHaveValue('Dad shouts when he is tired');
  // Everyone can see who is still writing in which card.
  await expect(chair.locator('li', { has: cardById(chair, id) }).getByTestId('card-writers')).toHaveText(
    'Guest writing…',
  );

  await phone.getByRole('button', { name: 'Go there' }).tap();
  await expect(shownColumn(phone)).toHaveText("What's working well?");
  await expect(phone.getByTestId('chair-moved')).toHaveCount(0);
  await expect(cardById(chair, id)).toHaveValue('Dad shouts when he is tired');
});

test('follow off lets the phone look around; a locked column is shown as agreed everywhere', async () => {
  await chairGoesTo(chair, 'Worries and goals');
  await expect(shownColumn(phone)).toHaveText('What are we worried about?');
  await chair.getByRole('button', { name: 'Follow me' }).click();
  await expect(phone.getByTestId('follow-state')).toHaveText('Look around freely');
  await chairGoesTo(chair, "What's working well");
  await expect(shownColumn(projector)).toHaveText("What's working well?");
  await expect(shownColumn(phone)).toHaveText('What are we worried about?');

  await phone.getByRole('button', { name: "What's working well?" }).tap();
  await chair.getByRole('button', { name: "Lock What's working well?" }).click();
  await expect(phone.getByTestId('locked-note')).toHaveText('Agreed — locked by the chair');
  await expect(phone.getByRole('button', { name: 'Add a card to Existing strengths' })).toBeDisabled();
  await expect(projector.getByText('Agreed — locked by the chair')).toBeVisible();
  await expect(chair.getByRole('button', { name: 'Add a card to Existing strengths' })).toBeDisabled();

  await chair.getByRole('button', { name: "Lock What's working well?" }).click();
  await expect(phone.getByRole('button', { name: 'Add a card to Existing strengths' })).toBeEnabled();
  await chair.getByRole('button', { name: 'Follow me' }).click();
  await expect(phone.getByTestId('follow-state')).toHaveText('Following the chair');
});

test('the timer and who is here show on the screens', async () => {
  await chair.getByRole('spinbutton', { name: 'Minutes' }).fill('2');
  await chair.getByRole('button', { name: 'Set timer', exact: true }).click();
  await chair.getByRole('button', { name: 'Start timer' }).click();
  await expect(projector.getByTestId('timer')).toHaveText(/^\s*Timer:\s*(2:00|1:5\d) left\s*$/);
  await expect(phone.getByTestId('timer')).toHaveText(/(2:00|1:5\d) left/);
  await chair.getByRole('button', { name: 'Pause timer' }).click();

  const presence = chair.getByTestId('presence');
  await expect(presence).toContainText('projector');
  await expect(presence).toContainText('phone');
  await phone.getByRole('textbox', { name: 'Your name' }).fill('Dawn');
  await expect(presence).toContainText('Dawn');
});
