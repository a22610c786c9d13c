import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addCard, cardById, chairGoesTo, openChair } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

let first: Page;
let second: Page;
test.beforeEach(async ({ browser }) => {
  first = await openChair(browser, server.url);
  second = await openChair(browser, server.url);
});
test.afterEach(async () => {
  for (const page of [first, second]) await page.context().close();
});

/** The ids of the cards in one domain, top to bottom: all of them, or only those in `mine`. */
async function idsIn(page: Page, domain: string, mine?: string[]): Promise<string[]> {
  const ids = await page
    .locator(`section[data-domain="${domain}"] textarea[data-card-id]`)
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-card-id') ?? ''));
  return mine ? ids.filter((id) => mine.includes(id)) : ids;
}

const cardItem = (page: Page, id: string): Locator => page.locator('li.card', { has: cardById(page, id) });

/** Opens a card's move controls and returns its labelled group. */
async function moveControls(page: Page, id: string): Promise<Locator> {
  const item = cardItem(page, id);
  await item.locator('summary').click();
  const group = item.getByRole('group', { name: /^Move card \d+ in / });
  await expect(group).toBeVisible();
  return group;
}

/** The agenda's step titles, top to bottom. */
const agendaTitles = (page: Page): Promise<string[]> =>
  page
    .locator('button[data-step-id]')
    .evaluateAll((buttons) =>
      buttons.map((button) => (button.getAttribute('aria-label') ?? '').replace(/^Move everyone to: /, '')),
    );

test('a card moves to another domain and up its list, and the other screen sees it within a second', async () => {
  const a = await addCard(first, 'Existing strengths', 'Nan walks them to school');
  const b = await addCard(first, 'Existing strengths', 'Dad cooks on Sundays');
  const c = await addCard(first, 'Existing strengths', 'Aunt Rose phones every day');
  const mine = [a, b, c];
  await expect.poll(() => idsIn(second, 'existingStrengths', mine)).toEqual([a, b, c]);
  const count = (await idsIn(first, 'existingStrengths')).length;

  // Reorder: the last card goes up one place.
  let group = await moveControls(first, c);
  await expect(group.getByRole('button', { name: 'Move down' })).toBeDisabled();
  await group.getByRole('button', { name: 'Move up' }).click();
  await expect.poll(() => idsIn(second, 'existingStrengths', mine), { timeout: 1_000 }).toEqual([a, c, b]);
  await expect(cardItem(first, c).locator('[role=group]')).toHaveAccessibleName(
    new RegExp(`^Move card ${count - 1} in Existing strengths`),
  );

  // Another domain, listed by its vocabulary title.
  group = await moveControls(first, a);
  const select = group.getByRole('combobox', { name: 'Move to' });
  await expect(select.locator('option')).toHaveText([
    'Harm',
    'Danger',
    'Complicating factors',
    'Existing strengths',
    'Existing safety',
    'Safety goals',
    'Next steps',
  ]);
  // A column the chair has locked takes no new cards.
  const lock = first.getByRole('button', { name: /Lock What needs to happen\?$/ });
  await lock.click();
  await expect(lock).toHaveAttribute('aria-pressed', 'true');
  await expect(select.locator('option', { hasText: 'Safety goals' })).toBeDisabled();
  await lock.click();
  await expect(select.locator('option', { hasText: 'Safety goals' })).toBeEnabled();
  await select.selectOption({ label: 'Existing safety' });
  await group.getByRole('button', { name: 'Move there' }).click();
  await expect(
    second.locator(`section[data-domain="existingSafety"] textarea[data-card-id="${a}"]`),
  ).toHaveValue('Nan walks them to school', { timeout: 1_000 });
  await expect.poll(() => idsIn(second, 'existingStrengths', mine), { timeout: 1_000 }).toEqual([c, b]);
  await expect(cardById(second, a)).toHaveAccessibleName(/^Card in Existing safety,/);
});

test('a card moves by keyboard alone, and focus stays on the control used', async () => {
  // Safety goals start empty on the demo board, so these two are the whole list.
  const a = await addCard(first, 'Safety goals', 'Social worker visits Tuesday');
  const b = await addCard(first, 'Safety goals', 'Family meets again in May');
  // From the card's text: Tab to Delete, Tab to the move summary.
  await first.keyboard.press('Tab');
  await first.keyboard.press('Tab');
  const summary = cardItem(first, b).locator('summary');
  await expect(summary).toBeFocused();
  await first.keyboard.press('Enter');
  await first.keyboard.press('Tab');
  const select = cardItem(first, b).getByRole('combobox', { name: 'Move to' });
  await expect(select).toBeFocused();
  // Tab past the select and "Move there" (disabled until another domain is chosen) to "Move up".
  await first.keyboard.press('Tab');
  const up = cardItem(first, b).getByRole('button', { name: 'Move up' });
  await expect(up).toBeFocused();
  await first.keyboard.press('Enter');
  await expect.poll(() => idsIn(second, 'goals'), { timeout: 1_000 }).toEqual([b, a]);
  // At the top "Move up" is disabled, so focus goes to "Move down" rather than being lost.
  await expect(cardItem(first, b).getByRole('button', { name: 'Move down' })).toBeFocused();
  await first.keyboard.press('Enter');
  await expect.poll(() => idsIn(second, 'goals'), { timeout: 1_000 }).toEqual([a, b]);
  await expect(cardItem(first, b).getByRole('button', { name: 'Move up' })).toBeFocused();

  // To another domain: choose with the keyboard, then "Move there".
  // "Move there" is disabled, so one step back is the select.
  await first.keyboard.press('Shift+Tab');
  await expect(select).toBeFocused();
  await select.press('Home');
  await expect(select).toHaveValue('pastHarm');
  await first.keyboard.press('Tab');
  await expect(cardItem(first, b).getByRole('button', { name: 'Move there' })).toBeFocused();
  await first.keyboard.press('Enter');
  await expect(second.locator(`section[data-domain="pastHarm"] textarea[data-card-id="${b}"]`)).toBeVisible({
    timeout: 1_000,
  });
  // Focus follows the card to its new place.
  await expect(cardItem(first, b).locator('summary')).toBeFocused();
});

test('the chair skips, adds and reorders steps; another chair sees the agenda change', async () => {
  const titles = await agendaTitles(first);
  const skipped = "What's working well";
  const at = titles.indexOf(skipped);
  expect(at).toBeGreaterThan(0);

  await first.getByRole('button', { name: `Skip ${skipped}`, exact: true }).click();
  await expect(second.getByRole('button', { name: `Stop skipping ${skipped}`, exact: true })).toBeVisible({
    timeout: 1_000,
  });
  await expect(
    second.getByRole('button', { name: `Move everyone to: ${skipped}`, exact: true }),
  ).toContainText('skipped');

  // Next and previous pass over the skipped step.
  await chairGoesTo(first, titles[at - 1]!);
  await first.getByRole('button', { name: 'Next step', exact: true }).click();
  const after = first.getByRole('button', { name: `Move everyone to: ${titles[at + 1]}`, exact: true });
  await expect(after).toHaveAttribute('aria-current', 'step');
  await first.getByRole('button', { name: 'Previous step', exact: true }).click();
  await expect(
    first.getByRole('button', { name: `Move everyone to: ${titles[at - 1]}`, exact: true }),
  ).toHaveAttribute('aria-current', 'step');

  // A step of the chair's own, added at the end, then moved up one place.
  await first.getByRole('textbox', { name: 'New step' }).fill('Tea break');
  await first.getByRole('button', { name: 'Add step', exact: true }).click();
  await expect.poll(() => agendaTitles(second), { timeout: 1_000 }).toEqual([...titles, 'Tea break']);
  await first.getByRole('button', { name: 'Move Tea break up', exact: true }).click();
  await expect(first.getByRole('button', { name: 'Move Tea break up', exact: true })).toBeFocused();
  await expect
    .poll(() => agendaTitles(second), { timeout: 1_000 })
    .toEqual([...titles.slice(0, -1), 'Tea break', titles.at(-1)]);

  // Unskip and remove: back to where the meeting started.
  await second.getByRole('button', { name: `Stop skipping ${skipped}`, exact: true }).click();
  await second.getByRole('button', { name: 'Remove Tea break', exact: true }).click();
  await expect.poll(() => agendaTitles(first), { timeout: 1_000 }).toEqual(titles);
  await expect(first.getByRole('button', { name: `Skip ${skipped}`, exact: true })).toBeVisible();
});

test('the chair console with the move and agenda controls has no serious accessibility problems', async () => {
  const id = await addCard(first, 'Danger', 'Shouting late at night');
  await moveControls(first, id);
  const results = await new AxeBuilder({ page: first })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  expect(serious).toEqual([]);
});
