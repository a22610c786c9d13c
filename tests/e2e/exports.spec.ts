import { testReason } from '../helpers/agreement.ts';
import { readFile } from 'node:fs/promises';
import {
  nextSteps,
  pairStatementWithGoal,
  planRules,
  readPlanRules,
  readStatementPairs,
  type Result,
} from '@kinboard/shared';
import { positionsInOrder, readDocx, readPdf } from '@kinboard/server/export/read-back';
import { expect, test } from '@playwright/test';
import { connectRealtime, request } from '../helpers/realtime-client.ts';
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

let server: TestServer;
let familyId: string;

/** The API as a signed-in browser would call it, keeping the session cookie. */
async function apiAs(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { response, body: (await response.json()) as Record<string, never> };
}

/** An agreed plan made the way a meeting makes it: a statement, a rule from a phone, agreement and finalising. */
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
  const signedIn = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
  familyId = (await apiAs(cookie, 'POST', '/api/families', { name: 'Okoro' })).body['family']!['id'];
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
    statement: 'We worry about the evenings.',
    goal: 'A sober adult every evening.',
  });
  planRules.add(plan.doc, {
    what: 'Amara stays on Fridays',
    who: [{ name: 'Amara Okoro' }],
    answers: [pair],
  });
  nextSteps.add(plan.doc, { what: 'Ring the school', byWhen: 'Monday', who: [{ name: 'Jude Okoro' }] });
  const chair = connectRealtime(server.url, 1, cookie);
  const ask = (event: Parameters<typeof request>[1], payload: unknown) =>
    request(chair, event, payload) as unknown as Promise<Result<unknown>>;
  expect(await ask('meeting:enter', { meetingId, screen: 'chair' })).toMatchObject({ ok: true });
  // The edits must be stored before agreement locks the plan.
  await expect.poll(() => readPlanRules(storedDoc(server.dataDir, `${meetingId}.plan`)).length).toBe(1);
  await expect.poll(() => readStatementPairs(storedDoc(server.dataDir, `${meetingId}.frame`)).length).toBe(1);
  expect(await ask('plan:agreement', { action: 'start', reason: testReason })).toMatchObject({ ok: true });
  expect(await ask('plan:answer', { agrees: true })).toMatchObject({ ok: true });
  expect(await ask('plan:agreement', { action: 'finalise' })).toMatchObject({ ok: true });
  chair.disconnect();
  frame.destroy();
  plan.destroy();
});
test.afterAll(async () => {
  await server.dispose();
});

test('staff download the family plan, the case record and each person’s part from the family page', async ({
  browser,
}) => {
  const context = await staffContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url);
  await page.goto(`${server.url}/staff/families/${familyId}`);
  const downloads = page.getByRole('list', {
    name: 'Downloads for Okoro network meeting (2026-11-24), version 1',
  });
  await expect(downloads.getByRole('link')).toHaveText([
    'Plan for the family (PDF)',
    'Plan for the family, to read on a phone (PDF)',
    'Record for the case system (Word)',
    'Record as Markdown',
    'Record as plain text',
    'Whole agreed version (JSON)',
  ]);
  const parts = page.getByRole('list', {
    name: 'Each person’s part, for Okoro network meeting (2026-11-24), version 1',
  });
  await expect(parts.getByRole('link')).toHaveText([
    'Amara Okoro: my part (PDF)',
    'Amara Okoro: my part, to read on a phone (PDF)',
    'Jude Okoro: my part (PDF)',
    'Jude Okoro: my part, to read on a phone (PDF)',
  ]);

  const fetchDownload = async (link: ReturnType<typeof page.getByRole>) => {
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  };
  const plan = await fetchDownload(downloads.getByRole('link', { name: 'Plan for the family (PDF)' }));
  expect(plan.name).toBe('okoro-plan-v1-2026-11-24.pdf');
  positionsInOrder((await readPdf(plan.bytes)).text, [
    'The plan for the Okoro family',
    'Danger statements and safety goals',
    'We worry about the evenings.',
    'Safety goal: A sober adult every evening.',
    'Amara stays on Fridays',
    'Ring the school',
  ]);
  const record = await fetchDownload(
    downloads.getByRole('link', { name: 'Record for the case system (Word)' }),
  );
  expect(record.name).toBe('okoro-record-v1-2026-11-24.docx');
  expect(await readDocx(record.bytes)).toContain('<h1>Plan rules</h1><ol><li>Amara stays on Fridays');
  const amara = await fetchDownload(parts.getByRole('link', { name: 'Amara Okoro: my part (PDF)' }));
  const sheet = await readPdf(amara.bytes);
  expect(sheet.pages).toHaveLength(1);
  positionsInOrder(sheet.text, ['My part in the plan: Amara Okoro', 'Amara stays on Fridays']);
  expect(sheet.text).not.toContain('Ring the school');
  // The same part on a phone-sized page, to send to the phone of the person it is for.
  const onPhone = await fetchDownload(
    parts.getByRole('link', { name: 'Jude Okoro: my part, to read on a phone (PDF)' }),
  );
  expect(onPhone.name).toBe('okoro-my-part-jude-okoro-for-phones-v1-2026-11-24.pdf');
  const phoneSheet = await readPdf(onPhone.bytes);
  expect(phoneSheet.pages).toHaveLength(1);
  expect(phoneSheet.pages[0]).toMatchObject({ width: 288, height: 512 });
  positionsInOrder(phoneSheet.text, ['My part in the plan: Jude Okoro', 'Ring the school']);
  expect(phoneSheet.text).not.toContain('Amara stays on Fridays');

  // The family reads Welsh: their plan and each part come in Welsh; the case record stays English [LANG12].
  await page.getByLabel("The family's plan and each person's part in").selectOption('cy');
  const welsh = await fetchDownload(parts.getByRole('link', { name: 'Jude Okoro: my part (PDF)' }));
  positionsInOrder((await readPdf(welsh.bytes)).text, [
    'Fy rhan i yn y cynllun: Jude Okoro',
    'Ring the school',
  ]);
  await expect(downloads.getByRole('link', { name: 'Record as plain text' })).not.toHaveAttribute(
    'href',
    /lang=/,
  );

  expect(await seriousViolations(page)).toEqual([]);
  await context.close();

  // Readable at 360px wide.
  const phone = await phoneContext(browser);
  const small = await phone.newPage();
  await signIn(small, server.url);
  await small.goto(`${server.url}/staff/families/${familyId}`);
  await expect(small.getByRole('link', { name: 'Plan for the family (PDF)' })).toBeVisible();
  expect(await overflow(small)).toBeLessThanOrEqual(0);
  await phone.close();
});
