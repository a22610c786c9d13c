import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** Opens the demo board in a fresh browser context and waits until it is live. */
export async function openDemoBoard(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/meeting/demo-hollis`);
  await expect(connectionStatus(page)).toHaveText('Connected');
  return page;
}

export const connectionStatus = (page: Page): Locator => page.getByTestId('connection-status');
export const saveStatus = (page: Page): Locator => page.getByTestId('save-status');
export const cardById = (page: Page, id: string): Locator => page.locator(`textarea[data-card-id="${id}"]`);

/** Adds a card with one click in the named domain, types into it, and returns its id. */
export async function addCard(page: Page, domainLabel: string, text: string): Promise<string> {
  await page.getByRole('button', { name: `Add a card to ${domainLabel}`, exact: true }).click();
  const card = page.locator('textarea:focus');
  await expect(card).toHaveAccessibleName(new RegExp(`^Card in ${domainLabel},`));
  await page.keyboard.type(text);
  const id = await card.getAttribute('data-card-id');
  expect(id).toBeTruthy();
  return id!;
}
