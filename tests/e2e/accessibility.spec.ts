import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectionStatus } from './board-page.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.dispose();
});

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  // A scan that checked nothing would pass too: make sure it really ran.
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('the home page has no serious accessibility problems', async ({ page }) => {
      await page.goto(server.url);
      await expect(page.getByRole('link', { name: /Open the demo meeting/ })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the board has no serious accessibility problems and fits the screen', async ({ page }) => {
      await page.goto(`${server.url}/meeting/demo-hollis`);
      await expect(connectionStatus(page)).toHaveText('Connected');
      // Open a delete confirmation too, so its controls are scanned.
      await page
        .getByRole('button', { name: /^Delete this card from Harm/ })
        .first()
        .click();
      await expect(page.getByRole('button', { name: 'Yes, delete' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}

test('the board works by keyboard alone: add a card, type, and delete it', async ({ page }) => {
  await page.goto(`${server.url}/meeting/demo-hollis`);
  await expect(connectionStatus(page)).toHaveText('Connected');
  const add = page.getByRole('button', { name: 'Add a card to Next steps', exact: true });
  await add.focus();
  await page.keyboard.press('Enter');
  const card = page.locator('textarea:focus');
  await expect(card).toHaveAccessibleName('Card in Next steps, written by Guest');
  await page.keyboard.type('Ring Nan on Sunday');
  const id = await card.getAttribute('data-card-id');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Delete this card from Next steps' }).last()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator(`textarea[data-card-id="${id}"]`)).toHaveCount(0);
});
