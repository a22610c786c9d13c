import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chairGoesTo, connectionStatus, openChair, shownColumn } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

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

    test('the chair console has no serious accessibility problems and fits the screen', async ({ page }) => {
      await page.goto(`${server.url}/chair/demo-hollis`);
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

const fitsTheScreen = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe('at 360x740 on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the phone view has no serious accessibility problems and fits the screen', async ({ page }) => {
    await page.goto(`${server.url}/phone/demo-hollis`);
    await expect(connectionStatus(page)).toHaveText('Connected');
    await expect(page.getByRole('textbox', { name: /^Card in Harm,/ }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsTheScreen(page)).toBeLessThanOrEqual(0);
    // Big touch targets: every button is at least 44 px tall.
    const heights = await page
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  });

  test('the phone works by keyboard alone: move to a section and add a card', async ({ page }) => {
    await page.goto(`${server.url}/phone/demo-hollis`);
    await expect(connectionStatus(page)).toHaveText('Connected');
    const tab = page.getByRole('button', { name: 'What needs to happen?', exact: true });
    await tab.focus();
    await page.keyboard.press('Enter');
    await expect(shownColumn(page)).toHaveText('What needs to happen?');
    const add = page.getByRole('button', { name: 'Add a card to Next steps', exact: true });
    while (!(await add.evaluate((button) => button === document.activeElement)))
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const card = page.locator('textarea:focus');
    await expect(card).toHaveAccessibleName('Card in Next steps, written by Guest');
    await page.keyboard.type('Call Nan on Sunday');
    await expect(card).toHaveValue('Call Nan on Sunday');
  });
});

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  test(`the projector at ${viewport.width}x${viewport.height} has no serious accessibility problems, large type and no inputs`, async ({
    page,
    browser,
  }) => {
    const chair = await openChair(browser, server.url);
    await page.setViewportSize(viewport);
    await page.goto(`${server.url}/projector/demo-hollis`);
    await chair.getByRole('button', { name: 'Welcome', exact: true }).click();
    await expect(page.getByTestId('join-qr').locator('svg')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await chairGoesTo(chair, 'Worries and goals');
    await expect(shownColumn(page)).toHaveText('What are we worried about?');
    await expect(page.locator('li[data-card-id] .text').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsTheScreen(page)).toBeLessThanOrEqual(0);
    await expect(page.locator('input, textarea, select, button')).toHaveCount(0);
    const cardType = await page
      .locator('li[data-card-id] .text')
      .first()
      .evaluate((text) => parseFloat(getComputedStyle(text).fontSize));
    expect(cardType).toBeGreaterThanOrEqual(20);
    await chair.context().close();
  });
}

test('the chair works by keyboard alone: move everyone to a step and turn follow me off and on', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/chair/demo-hollis`);
  await expect(connectionStatus(page)).toHaveText('Connected');
  const step = page.getByRole('button', { name: "Move everyone to: What's working well", exact: true });
  await page.getByRole('button', { name: 'Welcome', exact: true }).focus();
  while (!(await step.evaluate((button) => button === document.activeElement)))
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('aria-current', 'step');

  const follow = page.getByRole('button', { name: 'Follow me' });
  while (!(await follow.evaluate((button) => button === document.activeElement)))
    await page.keyboard.press('Tab');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
});

test('the old board address opens the chair console', async ({ page }) => {
  await page.goto(`${server.url}/meeting/demo-hollis`);
  await expect(page).toHaveURL(/\/chair\/demo-hollis$/);
  await expect(connectionStatus(page)).toHaveText('Connected');
});
