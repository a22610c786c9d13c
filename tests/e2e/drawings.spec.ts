import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { closeCodes, drawingMetaRoot, drawingRecordsRoot, drawingSchemaKey } from '@kinboard/shared';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { connectStockClient } from '../helpers/yjs-client.ts';
import { accessEnv, admin, overflow, phoneContext, seriousViolations, staffContext } from './access-pages.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer({ env: { ...accessEnv, TRUST_PROXY: 'true' } });
const signInBody = { email: admin.email, password: admin.password };

/** Every address a context asks for, to prove nothing leaves Kinboard's own origin [DRAW7]. */
function recordRequests(context: BrowserContext, into: string[], refusals: string[]): void {
  context.on('request', (request) => into.push(request.url()));
  // The Content-Security-Policy stays closed: anything it refused shows in the console.
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
}

/** The scripts a page downloads while it opens `url`, with their text. */
async function scriptsOf(page: Page, url: string): Promise<{ url: string; text: string }[]> {
  const scripts: Promise<{ url: string; text: string }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(response.text().then((text) => ({ url: response.url(), text })));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return Promise.all(scripts);
}

/** A guest who joined with the code and was let in by the chair with `role`. */
async function admittedGuest(
  browser: Browser,
  staff: BrowserContext,
  code: string,
  meetingId: string,
  role: string,
) {
  const context = await phoneContext(browser);
  const joined = await context.request.post(`${server.url}/api/join`, {
    data: { code, name: `A ${role}`, relationship: 'aunt' },
  });
  const { participantId } = (await joined.json()) as { participantId: string };
  const admitted = await staff.request.post(
    `${server.url}/api/meetings/${meetingId}/participants/${participantId}/admit`,
    { data: { role } },
  );
  expect(admitted.status()).toBe(200);
  return context;
}

const shapes = (page: Page) => page.locator('.tl-shape');

/**
 * Draws a rectangle with tldraw's own tool: the R key, then a drag across the canvas. `at` is
 * where the drag starts, as fractions of the canvas, clear of tldraw's menus at its edges.
 */
async function drawRectangle(page: Page, at: { x: number; y: number }): Promise<void> {
  const canvas = page.locator('.tl-canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await page.keyboard.press('r');
  const start = { x: box.x + box.width * at.x, y: box.y + box.height * at.y };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 30, start.y + 20, { steps: 5 });
  await page.mouse.move(start.x + 60, start.y + 40, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
}

/** What the page left in the browser's storage (SvelteKit's own scroll positions aside). */
async function storedOnDevice(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const kept: string[] = [];
    for (const storage of [localStorage, sessionStorage])
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index)!;
        if (!key.startsWith('sveltekit:')) kept.push(`${key}=${storage.getItem(key)}`);
      }
    const databases = await indexedDB.databases();
    return [...kept, ...databases.map((database) => `indexedDB:${database.name}`)];
  });
}

function storedImages(meetingId: string): { canvas: string; png: Uint8Array }[] {
  const db = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'), { readOnly: true });
  try {
    return db
      .prepare('SELECT canvas, png FROM drawing_image WHERE meeting_id = ?')
      .all(meetingId) as unknown as { canvas: string; png: Uint8Array }[];
  } finally {
    db.close();
  }
}

test('[DRAW1] [DRAW2] [DRAW4] two people draw the three houses together, a reload keeps it, an observer cannot draw', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const requests: string[] = [];
  const refusals: string[] = [];
  const staff = await staffContext(browser);
  recordRequests(staff, requests, refusals);
  expect((await staff.request.post(`${server.url}/api/session`, { data: signInBody })).status()).toBe(200);
  const family = await staff.request.post(`${server.url}/api/families`, {
    data: {
      name: 'Hollis',
      children: [{ name: 'Ella' }],
      network: [{ name: 'Gran Rose', relationship: 'grandmother' }],
    },
  });
  const familyId = ((await family.json()) as { family: { id: string } }).family.id;
  const made = await staff.request.post(`${server.url}/api/families/${familyId}/meetings`, {
    data: { type: 'family-network-meeting', date: '2026-12-01', title: 'Drawing together' },
  });
  const meetingId = ((await made.json()) as { meeting: { id: string } }).meeting.id;
  const opened = await staff.request.post(`${server.url}/api/meetings/${meetingId}/open`);
  const code = ((await opened.json()) as { joinCode: string }).joinCode;

  const familyPhone = await admittedGuest(browser, staff, code, meetingId, 'family');
  const observerPhone = await admittedGuest(browser, staff, code, meetingId, 'observer');
  recordRequests(familyPhone, requests, refusals);
  recordRequests(observerPhone, requests, refusals);

  // The chair console links to the three drawings.
  const chair = await staff.newPage();
  await chair.goto(`${server.url}/chair/${meetingId}`);
  await chair.getByRole('link', { name: 'Three houses' }).click();
  await expect(chair).toHaveURL(new RegExp(`/meeting/${meetingId}/drawing/houses$`));
  // The houses are drawn ready for a child to fill.
  await expect(chair.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  for (const house of ['House of good things', 'House of worries', 'House of dreams'])
    await expect(chair.locator('.tl-shape').filter({ hasText: house })).toBeVisible();
  await expect(shapes(chair)).toHaveCount(9);

  // The family member reaches the same drawing from the phone's board.
  const phone = await familyPhone.newPage();
  await phone.goto(`${server.url}/phone/${meetingId}`);
  await phone.getByRole('link', { name: 'Three houses' }).click();
  await expect(phone.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await expect(shapes(phone)).toHaveCount(9);
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);

  await drawRectangle(chair, { x: 0.3, y: 0.3 });
  await expect(shapes(chair)).toHaveCount(10);
  await expect(shapes(phone)).toHaveCount(10, { timeout: 10_000 });
  await drawRectangle(phone, { x: 0.3, y: 0.5 });
  await expect(shapes(phone)).toHaveCount(11);
  await expect(shapes(chair)).toHaveCount(11, { timeout: 10_000 });
  await expect(chair.getByTestId('save-status')).toHaveText('All changes saved');
  await expect(phone.getByTestId('save-status')).toHaveText('All changes saved');
  // Nothing of the drawing is kept on the phone.
  expect(await storedOnDevice(phone)).toEqual([]);

  // A reload reads the drawing back from the server.
  await chair.reload();
  await expect(chair.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await expect(shapes(chair)).toHaveCount(11);
  expect(await seriousViolations(chair)).toEqual([]);

  // An observer sees the drawing, is told they only look, and their pen draws nothing.
  const watcher = await observerPhone.newPage();
  await watcher.goto(`${server.url}/phone/${meetingId}`);
  await expect(watcher.getByTestId('connection-status')).toHaveText('Connected');
  await expect(watcher.getByRole('link', { name: 'Three houses' })).toHaveCount(0);
  await watcher.goto(`${server.url}/meeting/${meetingId}/drawing/houses`);
  await expect(watcher.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await expect(watcher.getByTestId('drawing-read-only')).toBeVisible();
  await expect(shapes(watcher)).toHaveCount(11);
  await drawRectangle(watcher, { x: 0.5, y: 0.4 });
  await expect(shapes(watcher)).toHaveCount(11);

  // And the server refuses the observer's write whatever their screen does: the same pass
  // in a stock Yjs client is closed with 4423, and nothing reaches the others.
  const cookie = (await observerPhone.cookies()).map((each) => `${each.name}=${each.value}`).join('; ');
  const raw = connectStockClient(server.wsUrl, `${meetingId}.drawing-houses`, { cookie });
  try {
    await raw.synced;
    // The drawing carries the tldraw schema it was written with, for later migrations [DRAW3].
    expect(raw.doc.getMap(drawingMetaRoot).get(drawingSchemaKey)).toMatchObject({
      schemaVersion: 2,
      sequences: expect.objectContaining({ 'com.tldraw.shape.geo': expect.any(Number) }),
    });
    const closed = new Promise<number>((resolve) =>
      raw.provider.on('connection-close', (event) => event && resolve(event.code)),
    );
    raw.doc.getMap(drawingRecordsRoot).set('shape:observer', { id: 'shape:observer', typeName: 'shape' });
    expect(await closed).toBe(closeCodes.refusedEdit);
  } finally {
    raw.destroy();
  }
  await chair.reload();
  await expect(chair.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await expect(shapes(chair)).toHaveCount(11);

  // The drawing's latest image is kept for the export: a PNG from a screen that drew.
  await expect
    .poll(() => storedImages(meetingId).map((image) => image.canvas), { timeout: 20_000 })
    .toEqual(['houses']);
  const [image] = storedImages(meetingId);
  expect(Buffer.from(image!.png).subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(image!.png.length).toBeGreaterThan(2_000);

  // Nothing was fetched from anywhere but Kinboard: fonts, icons and translations are its own.
  const elsewhere = requests.filter(
    (url) => !url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'),
  );
  expect(elsewhere).toEqual([]);
  expect(refusals).toEqual([]);
  for (const context of [staff, familyPhone, observerPhone]) await context.close();
});

test('[DRAW5] a person from the family’s network is placed on the genogram, linked to their entry', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const staff = await staffContext(browser);
  await staff.request.post(`${server.url}/api/session`, { data: signInBody });
  const family = await staff.request.post(`${server.url}/api/families`, {
    data: {
      name: 'Marsh',
      children: [{ name: 'Tom' }],
      network: [{ name: 'Uncle Dev', relationship: 'uncle' }],
    },
  });
  const familyId = ((await family.json()) as { family: { id: string } }).family.id;
  const made = await staff.request.post(`${server.url}/api/families/${familyId}/meetings`, {
    data: { type: 'family-network-meeting', date: '2026-12-02', title: 'Genogram' },
  });
  const meetingId = ((await made.json()) as { meeting: { id: string } }).meeting.id;
  const page = await staff.newPage();
  await page.goto(`${server.url}/meeting/${meetingId}/drawing/genogram`);
  await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  // The safety circles are drawn: three rings with their names.
  await expect(page.locator('.tl-shape').filter({ hasText: 'Closest to the child' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Place Tom (child)' })).toBeVisible();
  const place = page.getByRole('button', { name: 'Place Uncle Dev (uncle)' });
  await place.click();
  await expect(page.locator('.tl-shape').filter({ hasText: 'Uncle Dev' })).toBeVisible();
  await expect(place.locator('..')).toContainText('on the drawing');

  // The shape carries the person's key, as stored on the server.
  const cookie = (await staff.cookies()).map((each) => `${each.name}=${each.value}`).join('; ');
  const reader = connectStockClient(server.wsUrl, `${meetingId}.drawing-genogram`, { cookie });
  try {
    await reader.synced;
    await expect
      .poll(() =>
        [...reader.doc.getMap<{ meta?: { personKey?: string } }>(drawingRecordsRoot).values()]
          .map((record) => record.meta?.personKey)
          .filter(Boolean),
      )
      .toEqual([expect.stringMatching(/^network:/)]);
  } finally {
    reader.destroy();
  }
  expect(await seriousViolations(page)).toEqual([]);
  await staff.close();
});

test('[DRAW6] the phone’s join and board screens never download tldraw; the drawing page does', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const staff = await staffContext(browser);
  await staff.request.post(`${server.url}/api/session`, { data: signInBody });
  const family = await staff.request.post(`${server.url}/api/families`, { data: { name: 'Lake' } });
  const familyId = ((await family.json()) as { family: { id: string } }).family.id;
  const made = await staff.request.post(`${server.url}/api/families/${familyId}/meetings`, {
    data: { type: 'family-network-meeting', date: '2026-12-03', title: 'Bundles' },
  });
  const meetingId = ((await made.json()) as { meeting: { id: string } }).meeting.id;
  const opened = await staff.request.post(`${server.url}/api/meetings/${meetingId}/open`);
  const code = ((await opened.json()) as { joinCode: string }).joinCode;

  const joining = await (await phoneContext(browser)).newPage();
  const joinScripts = await scriptsOf(joining, `${server.url}/join/${code}`);
  const phone = await (await admittedGuest(browser, staff, code, meetingId, 'family')).newPage();
  const boardScripts = await scriptsOf(phone, `${server.url}/phone/${meetingId}`);
  await expect(phone.getByRole('link', { name: 'Words and pictures' })).toBeVisible();
  const tldrawIn = (scripts: { url: string; text: string }[]) =>
    scripts.filter((script) => script.text.includes('tldraw')).map((script) => script.url);
  expect(joinScripts.length).toBeGreaterThan(3);
  expect(boardScripts.length).toBeGreaterThan(3);
  expect(tldrawIn(joinScripts)).toEqual([]);
  expect(tldrawIn(boardScripts)).toEqual([]);

  // The check can fail: the drawing page itself does fetch tldraw.
  const drawingScripts = await scriptsOf(phone, `${server.url}/meeting/${meetingId}/drawing/story`);
  await expect(phone.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  expect(tldrawIn(drawingScripts).length).toBeGreaterThan(0);
  // The words and pictures story starts with its frames.
  await expect(phone.locator('.tl-shape[data-shape-type="frame"]')).toHaveCount(6);

  // When tldraw cannot be had, the drawing says so plainly and the board is untouched.
  const islandScripts = new Set(tldrawIn(drawingScripts));
  const offline = await (await admittedGuest(browser, staff, code, meetingId, 'family')).newPage();
  await offline.route('**/*.js', (route) =>
    islandScripts.has(route.request().url()) ? route.abort() : route.continue(),
  );
  await offline.goto(`${server.url}/meeting/${meetingId}/drawing/houses`);
  await expect(offline.getByTestId('drawing-problem')).toHaveText(
    'Drawings are not available right now. The board, scaling and the plan work as usual.',
    { timeout: 30_000 },
  );
  await offline.getByRole('link', { name: 'Back to the meeting' }).click();
  await expect(offline).toHaveURL(new RegExp(`/phone/${meetingId}$`));
  await expect(offline.getByTestId('connection-status')).toHaveText('Connected');
  await offline.context().close();
  await staff.close();
  await joining.context().close();
  await phone.context().close();
});
