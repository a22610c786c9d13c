import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chairGoesTo, connectionStatus, openChair } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

const parts = {
  who: 'Who is worried, danger statement 1',
  behaviour: 'What they are worried will happen (the behaviour), danger statement 1',
  impact: 'What it would mean for the child if nothing changes, danger statement 1',
};
const written = {
  who: 'Tom, Rita and Pat',
  behaviour: 'Jack is left alone at night',
  impact: 'Jack could leave the flat again and be hurt',
};

/** Opens the parts of the first statement with the keyboard. */
async function openParts(chair: Page): Promise<void> {
  const summary = chair.locator('li.pair').first().locator('summary');
  await expect(summary).toHaveAccessibleName(/^Parts of this statement/);
  await summary.focus();
  await chair.keyboard.press('Enter');
  await expect(chair.getByRole('textbox', { name: parts.who, exact: true })).toBeVisible();
}

const field = (page: Page, name: string): Locator => page.getByRole('textbox', { name, exact: true });

test('the chair writes the three parts of a statement, another chair sees them and they are kept', async ({
  browser,
}) => {
  const chair = await openChair(browser, server.url);
  const other = await openChair(browser, server.url);
  await chairGoesTo(chair, 'Worries and goals');
  await openParts(chair);
  await openParts(other);

  for (const key of ['who', 'behaviour', 'impact'] as const) {
    await field(chair, parts[key]).focus();
    await chair.keyboard.type(written[key]);
  }
  for (const key of ['who', 'behaviour', 'impact'] as const)
    await expect(field(other, parts[key])).toHaveValue(written[key], { timeout: 1_000 });

  await other.reload();
  await expect(connectionStatus(other)).toHaveText('Connected');
  await openParts(other);
  for (const key of ['who', 'behaviour', 'impact'] as const)
    await expect(field(other, parts[key])).toHaveValue(written[key]);

  await chair.context().close();
  await other.context().close();
});

test('the chair console with the parts open has no serious accessibility problems', async ({ browser }) => {
  const chair = await openChair(browser, server.url);
  await openParts(chair);
  const results = await new AxeBuilder({ page: chair })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  expect(serious).toEqual([]);
  await chair.context().close();
});
