import { testReason } from '../helpers/agreement.ts';
import {
  pairStatementWithGoal,
  planRules,
  readPlanRules,
  readStatementPairs,
  type Result,
} from '@kinboard/shared';
import { expect, test, type Page } from '@playwright/test';
import { connectRealtime, request } from '../helpers/realtime-client.ts';
import { connectionStatus } from './board-page.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import {
  accessEnv,
  admin,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';

const day = 24 * 3_600_000;
const rule = 'Gran collects Maisie from school on Fridays';
let server: TestServer;
let familyId: string;
/** The worker's session, for what the test does through the API rather than the page. */
let cookie: string;

/** The API as a signed-in browser would call it, keeping the session cookie. */
async function apiAs(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { response, body: (await response.json()) as Record<string, never> };
}

/** A meeting that agrees a plan with one rule for Gran, the way a meeting makes it. */
test.beforeAll(async () => {
  server = await startServer({ env: { ...accessEnv, TEST_CLOCK: 'true' } });
  const signedIn = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
  familyId = (await apiAs(cookie, 'POST', '/api/families', { name: 'Okoro', children: [{ name: 'Maisie' }] }))
    .body['family']!['id'];
  const meetingId: string = (
    await apiAs(cookie, 'POST', `/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-11-24',
      title: 'Okoro network meeting',
    })
  ).body['meeting']!['id'];
  await apiAs(cookie, 'POST', `/api/meetings/${meetingId}/open`);
  const frame = connectStockClient(server.wsUrl, `${meetingId}.frame`, { cookie });
  const plan = connectStockClient(server.wsUrl, `${meetingId}.plan`, { cookie });
  await Promise.all([frame.synced, plan.synced]);
  const pair = pairStatementWithGoal(frame.doc, {
    statement: 'We worry about the school run.',
    goal: 'Maisie gets to school safely every day.',
  });
  planRules.add(plan.doc, { what: rule, who: [{ name: 'Gran Okoro' }], answers: [pair] });
  await expect.poll(() => readPlanRules(storedDoc(server.dataDir, `${meetingId}.plan`)).length).toBe(1);
  await expect.poll(() => readStatementPairs(storedDoc(server.dataDir, `${meetingId}.frame`)).length).toBe(1);
  frame.destroy();
  plan.destroy();
  await agree(meetingId);
});

/** The chair agrees the meeting's plan as it stands (through socket.io, as the console does). */
async function agree(meetingId: string) {
  const chair = connectRealtime(server.url, 1, cookie);
  const ask = (event: Parameters<typeof request>[1], payload: unknown) =>
    request(chair, event, payload) as unknown as Promise<Result<unknown>>;
  expect(await ask('meeting:enter', { meetingId, screen: 'chair' })).toMatchObject({ ok: true });
  expect(await ask('plan:agreement', { action: 'start', reason: testReason })).toMatchObject({ ok: true });
  expect(await ask('plan:answer', { agrees: true })).toMatchObject({ ok: true });
  expect(await ask('plan:agreement', { action: 'finalise' })).toMatchObject({ ok: true });
  chair.disconnect();
}
test.afterAll(async () => {
  await server.dispose();
});

/** Moves the server's days on [CLOCK1]. */
const daysPass = (days: number) =>
  fetch(`${server.url}/api/test-clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceByMs: days * day }),
  });

/** Gran writes one entry on her phone. */
async function writeEntry(phone: Page, text: string, held: string, withRule: boolean) {
  await phone.getByLabel('What happened').fill(text);
  await phone.getByLabel('Who was there').fill('Gran, Maisie');
  await phone.getByRole('radio', { name: held }).check();
  if (withRule) await phone.getByLabel('Which rule of the plan is it about?').selectOption({ label: rule });
  await phone.getByRole('button', { name: 'Add to the journal' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Your entry is in the journal.' })).toBeVisible();
}

test('[PASS1]-[PASS11] a worker gives Gran a pass; she writes the journal from her phone over days; the worker reads and replies; the review shows it on the projector and its case record summarises it; taking the pass back closes her page', async ({
  browser,
}) => {
  const staff = await (await staffContext(browser)).newPage();
  await signIn(staff, server.url);
  await staff.goto(`${server.url}/staff/families/${familyId}`);
  // At the end of the meeting the worker gives Gran her pass.
  const passes = staff.getByRole('region', { name: 'Passes between meetings' });
  await passes.getByLabel('Name of the person').fill('Gran Okoro');
  await passes.getByLabel('How they know the child').fill('Grandmother');
  await passes.getByLabel('Their part in the plan').selectOption({ label: 'Gran Okoro' });
  await passes.getByLabel('Let them add a photo or drawing to an entry').check();
  await passes.getByRole('button', { name: 'Give a pass' }).click();
  await expect(passes.getByRole('img', { name: 'QR code of the pass for Gran Okoro' })).toBeVisible();
  const link = await passes.getByLabel('Link for Gran Okoro').inputValue();
  expect(await passes.getByTestId('pass-qr').getAttribute('data-link')).toBe(link);
  expect(await seriousViolations(staff)).toEqual([]);

  // Her phone: 360 px, no account.
  const phoneContextOfGran = await phoneContext(browser);
  const phone = await phoneContextOfGran.newPage();
  await phone.goto(link);
  await expect(phone.getByText('For Gran Okoro (Grandmother), with the Okoro family')).toBeVisible();
  expect(phone.url()).toBe(`${server.url}/pass`);
  const myPart = phone.getByRole('region', { name: 'My part' });
  await expect(myPart.getByText(rule)).toBeVisible();
  await expect(
    phone.getByRole('region', { name: 'The family’s plan' }).getByText('We worry about the school run.'),
  ).toBeVisible();
  await writeEntry(phone, 'Collected Maisie at 3pm, all fine.', 'The plan held', true);
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);
  // Nothing of the family in the phone's storage; the cookie ends with the browser session.
  expect(await phone.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  const cookies = await phoneContextOfGran.cookies();
  expect(cookies.map((each) => [each.name, each.path, each.expires])).toEqual([
    ['kinboard_pass', '/api/pass', -1],
  ]);

  // Two days later she writes again.
  await daysPass(2);
  // With a drawing Maisie made (a real 1x1 PNG), which the worker allowed on this pass [PASS8].
  await phone.getByLabel('A photo or drawing (if you want)').setInputFiles({
    name: 'drawing.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  });
  await writeEntry(phone, 'Mum was not well; Maisie stayed with me.', 'The plan partly held', false);
  await expect(
    phone.getByRole('img', { name: 'Photo or drawing with the entry by Gran Okoro' }),
  ).toBeVisible();
  const entries = phone
    .getByRole('list', { name: 'Journal entries, oldest first' })
    .getByTestId('journal-entry');
  await expect(entries).toHaveCount(2);

  // The worker reads them in order, marks the first read and replies to the second.
  await staff.reload();
  const journal = staff.getByRole('region', { name: 'Safety journal' });
  const staffEntries = journal.getByTestId('journal-entry');
  await expect(staffEntries).toHaveCount(2);
  await expect(staffEntries.nth(0)).toContainText('Collected Maisie at 3pm, all fine.');
  await expect(staffEntries.nth(0)).toContainText(`Rule: ${rule}`);
  await expect(staffEntries.nth(0)).toContainText('Gran Okoro (Grandmother)');
  await expect(staffEntries.nth(1)).toContainText('Mum was not well; Maisie stayed with me.');
  const drawing = staffEntries
    .nth(1)
    .getByRole('img', { name: 'Photo or drawing with the entry by Gran Okoro' });
  await expect.poll(() => drawing.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
  await journal.getByRole('button', { name: 'Mark the entry by Gran Okoro as read' }).first().click();
  await expect(staffEntries.nth(0).getByTestId('journal-read')).toContainText(`Read by ${admin.name}`);
  await staffEntries.nth(1).getByLabel('Reply to Gran Okoro').fill('Thank you, Gran. I will ring Mum today.');
  await staffEntries.nth(1).getByRole('button', { name: 'Send reply' }).click();
  await expect(staffEntries.nth(1).getByTestId('journal-reply')).toContainText('Thank you, Gran.');
  await expect(staffEntries.nth(1).getByTestId('journal-reply')).toContainText(`Reply from ${admin.name}`);
  expect(await seriousViolations(staff)).toEqual([]);

  // Gran sees the reply on her phone.
  await phone.reload();
  await expect(phone.getByTestId('journal-reply')).toContainText('Thank you, Gran. I will ring Mum today.');

  // Three days on, the review meeting: its agenda's journal step shows Gran's entries on the projector.
  await daysPass(3);
  const reviewId: string = (
    await apiAs(cookie, 'POST', `/api/families/${familyId}/meetings`, {
      type: 'review-family-network-meeting',
      date: '2026-12-01',
      title: 'Okoro review',
    })
  ).body['meeting']!['id'];
  await apiAs(cookie, 'POST', `/api/meetings/${reviewId}/open`);
  await staff.goto(`${server.url}/chair/${reviewId}`);
  // The console moves everyone only once it is connected: a click before that is not sent.
  await expect(connectionStatus(staff)).toHaveText('Connected', { timeout: 15_000 });
  const projector = await staff.context().newPage();
  await projector.goto(`${server.url}/projector/${reviewId}`);
  await expect(projector.getByTestId('projector')).toBeVisible({ timeout: 15_000 });
  const journalStep = staff.getByRole('button', { name: /What the safety journal shows/ }).first();
  await journalStep.click();
  await expect(journalStep).toHaveAttribute('aria-current', 'step');
  const projected = projector.getByTestId('meeting-journal');
  await expect(
    projected.getByRole('heading', { name: 'The safety journal since the last meeting' }),
  ).toBeVisible({ timeout: 15_000 });
  const shownEntries = projected.getByTestId('meeting-journal-entry');
  await expect(shownEntries).toHaveCount(2);
  await expect(shownEntries.nth(0)).toContainText('Collected Maisie at 3pm, all fine.');
  await expect(shownEntries.nth(0)).toContainText('Gran Okoro (Grandmother)');
  await expect(shownEntries.nth(0)).toContainText(`Rule: ${rule}`);
  await expect(shownEntries.nth(1)).toContainText('Mum was not well; Maisie stayed with me.');
  await expect(staff.getByTestId('meeting-journal-entry')).toHaveCount(2);
  expect(await seriousViolations(projector)).toEqual([]);

  // The review agrees its plan; its case record summarises the journal since the last meeting, credited.
  await agree(reviewId);
  const download = async (format: string) =>
    (
      await fetch(`${server.url}/api/meetings/${reviewId}/plan-versions/1/export/${format}`, {
        headers: { cookie },
      })
    ).text();
  const text = await download('txt');
  const summary = text.slice(text.indexOf('The safety journal since the last meeting'));
  expect(summary.indexOf('Collected Maisie at 3pm, all fine.')).toBeGreaterThan(0);
  expect(summary.indexOf('Mum was not well; Maisie stayed with me.')).toBeGreaterThan(
    summary.indexOf('Collected Maisie at 3pm, all fine.'),
  );
  expect(summary).toContain('Written by: Gran Okoro (Grandmother)');
  expect(summary).toContain(`Rule: ${rule}`);
  expect(summary).toContain(`Reply from ${admin.name}`);
  expect(await download('md')).toContain('The safety journal since the last meeting');
  await staff.goto(`${server.url}/staff/families/${familyId}`);

  // The worker takes the pass back: her open page closes within a second, and the link refuses.
  const revoked = staff.waitForResponse((response) => response.url().endsWith('/revoke'));
  const decided = Date.now();
  await staff.getByRole('button', { name: 'Take back the pass of Gran Okoro' }).click();
  await revoked;
  await phone.getByTestId('pass-ended').waitFor();
  // When the page itself let go, not when the test next looked: a busy machine slows the looking.
  const endedAt = Number(await phone.getByTestId('pass-page').getAttribute('data-ended-at'));
  expect(endedAt - decided).toBeLessThan(1000);
  await expect(phone.getByText('Collected Maisie')).toHaveCount(0);
  const again = await phoneContextOfGran.newPage();
  await again.goto(link);
  await expect(again.getByTestId('pass-ended')).toBeVisible();
  await phoneContextOfGran.close();
});

/** A pass for Gran as the family page gives it, through the API: its link, made absolute. */
async function passForGran(): Promise<string> {
  const { body: listed } = await apiAs(cookie, 'GET', `/api/families/${familyId}/passes`);
  const people = listed['people'] as unknown as { id: string; name: string }[];
  const gran = people.find((person) => person.name === 'Gran Okoro');
  const { response, body } = await apiAs(cookie, 'POST', `/api/families/${familyId}/passes`, {
    holderName: 'Gran Okoro',
    relationship: 'Grandmother',
    personKey: gran?.id,
    endsOn: '2027-06-30',
  });
  expect(response.status).toBe(201);
  return `${server.url}${body['link'] as unknown as string}`;
}

test('[LANG20] [LANG21] [FORM1] a pass reads in English, in Welsh and in Arabic (right to left, mirrored) at 360 px, axe-clean; the language goes when the pass does', async ({
  browser,
}) => {
  const context = await phoneContext(browser);
  const phone = await context.newPage();
  await phone.goto(await passForGran());
  await expect(phone.getByRole('heading', { name: 'The plan between meetings' })).toBeVisible();
  // In the browser's own English (the test's Chromium says en-US).
  await expect(phone.getByText(/This pass works until (30 June|June 30,) 2027\./)).toBeVisible();
  await expect(phone.locator('html')).toHaveAttribute('dir', 'ltr');
  // The journal's button stands at the line's start: the left in English.
  const width = phone.viewportSize()!.width;
  const english = await phone.getByRole('button', { name: 'Add to the journal' }).boundingBox();
  expect(english!.x).toBeLessThan(width / 8);

  // Welsh: the page reloads in it, on the same pass, and the plan and my part come in Welsh too.
  await phone.getByLabel('Language').selectOption('cy');
  await expect(phone.getByRole('heading', { name: 'Y cynllun rhwng cyfarfodydd' })).toBeVisible();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'cy');
  // Written as this browser writes a Welsh date (this Chromium has no Welsh months: it says June).
  const welshDay = await phone.evaluate(() =>
    new Intl.DateTimeFormat('cy', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2027, 5, 30)),
  );
  await expect(phone.getByText(`Mae’r tocyn hwn yn gweithio tan ${welshDay}.`)).toBeVisible();
  const myPart = phone.getByRole('region', { name: 'Fy rhan i' });
  await expect(myPart.getByRole('heading', { name: 'Beth rydw i’n ei wneud' })).toBeVisible();
  await expect(myPart.getByText(rule)).toBeVisible();
  await expect(phone.getByLabel('Beth ddigwyddodd')).toBeVisible();
  await expect(phone.getByRole('radio', { name: 'Fe ddaliodd y cynllun yn rhannol' })).toBeVisible();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);
  // The choice is the one thing of ours kept, in this tab only, as a family phone keeps it [LANG1];
  // SvelteKit keeps its scroll positions there across the reload; nothing of the family anywhere.
  const kept = () =>
    phone.evaluate(() => ({
      local: localStorage.length,
      session: Object.entries(sessionStorage).filter(([key]) => !key.startsWith('sveltekit:')),
      all: JSON.stringify(Object.entries(sessionStorage)),
    }));
  const keptNow = await kept();
  expect(keptNow.local).toBe(0);
  expect(keptNow.session).toEqual([['kinboard-phone-language', 'cy']]);
  expect(keptNow.all).not.toContain('Okoro');

  // Arabic: right to left, the layout mirrored (the button's start is the right), numbers in Arabic.
  await phone.getByLabel('Iaith').selectOption('ar');
  await expect(phone.getByRole('heading', { name: 'الخطة بين الاجتماعات' })).toBeVisible();
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(phone.getByTestId('pass-page')).toHaveAttribute('dir', 'rtl');
  await expect(phone.getByRole('region', { name: 'دوري' }).getByText(rule)).toBeVisible();
  const arabicLimit = await phone.evaluate(() => new Intl.NumberFormat('ar').format(2000));
  await expect(phone.getByText('حرف على الأكثر.')).toContainText(arabicLimit);
  const arabic = await phone.getByRole('button', { name: 'أضف إلى السجل' }).boundingBox();
  expect(arabic!.x + arabic!.width).toBeGreaterThan((width * 7) / 8);
  await phone.getByLabel('ماذا حدث').fill('Maisie slept at mine; all calm.');
  await phone.getByRole('radio', { name: 'صمدت الخطة', exact: true }).check();
  // By keyboard: Playwright's hit test misplaces this button on a right-to-left page.
  await phone.getByRole('button', { name: 'أضف إلى السجل' }).press('Enter');
  await expect(phone.getByRole('status').filter({ hasText: 'أُضيف ما كتبته إلى السجل.' })).toBeVisible();
  await expect(phone.getByTestId('journal-entry').last()).toContainText('لم يُقرأ بعد');
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);

  // The worker takes the pass back: the page lets go, and the language with it [LANG3].
  const { body: listed } = await apiAs(cookie, 'GET', `/api/families/${familyId}/passes`);
  const passes = listed['passes'] as unknown as { id: string; state: string }[];
  for (const pass of passes.filter((each) => each.state === 'active'))
    await apiAs(cookie, 'POST', `/api/families/${familyId}/passes/${pass.id}/revoke`);
  await phone.getByTestId('pass-ended').waitFor();
  await expect(phone.getByTestId('pass-ended')).toHaveText(/انتهى هذا التصريح/);
  expect((await kept()).session).toEqual([]);
  await context.close();
});
