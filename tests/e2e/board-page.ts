import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** Opens the demo board's chair console in a fresh browser context and waits until it is live. */
export async function openDemoBoard(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/chair/demo-hollis`);
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

/** The chair console (1280x800), the projector (1920x1080) and a phone (360x740), each live. */
export async function openChair(browser: Browser, baseUrl: string): Promise<Page> {
  return openDemoBoard(browser, baseUrl);
}

export async function openProjector(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1920, height: 1080 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/projector/demo-hollis`);
  await expect(page.getByTestId('projector')).toBeVisible();
  return page;
}

export async function openPhone(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/phone/demo-hollis`);
  await expect(connectionStatus(page)).toHaveText('Connected');
  return page;
}

/** The chair sends everyone to an agenda step, by its title. */
export async function chairGoesTo(chair: Page, stepTitle: string): Promise<void> {
  const step = chair.getByRole('button', { name: `Move everyone to: ${stepTitle}`, exact: true });
  await step.click();
  await expect(step).toHaveAttribute('aria-current', 'step');
}

/** The heading of the column a phone or the projector is showing. */
export const shownColumn = (page: Page): Locator =>
  page.locator('.phone-column > h2, #projected-column').first();

/**
 * Holds what the page sends on the sync sockets matching `url` while `held` is set, then lets it
 * through in order on `release()`: the page's keystrokes reach the server a moment late, as they
 * would from a phone on a slow connection. Set before the page opens the board.
 */
export async function holdSyncFrames(page: Page, url: RegExp) {
  const gate = { held: false, queue: [] as (string | Buffer)[], release: () => {} };
  await page.routeWebSocket(url, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      if (gate.held) gate.queue.push(message);
      else server.send(message);
    });
    server.onClose((code, reason) => socket.close({ code, reason }));
    socket.onClose((code, reason) => server.close({ code, reason }));
    gate.release = () => {
      gate.held = false;
      for (const message of gate.queue.splice(0)) server.send(message);
    };
  });
  return gate;
}
