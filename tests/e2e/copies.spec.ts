import { expect, test } from '@playwright/test';
import { eventually } from '../helpers/eventually.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail-server.ts';
import type { StartOptions } from '../helpers/server.ts';
import {
  accessEnv,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';
import { agreedPlanForNan } from './copies-pages.ts';
import { useTestServer } from './test-server.ts';

// The mail server starts first; the Kinboard server reads its port from the options when it starts.
let mail: TestMailServer;
const options: StartOptions = { env: { ...accessEnv } };
test.beforeAll(async () => {
  mail = await startMailServer();
  Object.assign(options.env!, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.port),
    SMTP_USER: mail.user,
    SMTP_PASSWORD: mail.password,
    SMTP_FROM: 'Kinboard <kinboard@county.example>',
    SMTP_REQUIRE_TLS: 'false',
  });
});
const server = useTestServer(options);
test.afterAll(async () => {
  await mail?.close();
});

test('[COPY1] [COPY3] [COPY6] a phone saves its own copy, the worker emails another, and the family page lists both', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { familyId, meetingId, nan } = await agreedPlanForNan(server);

  // Nan's phone (360 px), with the pass her join gave it, offers her copy; she chooses her part.
  const phoneContextForNan = await phoneContext(browser);
  await phoneContextForNan.addCookies(
    [...nan.phone.cookies].map(([name, value]) => ({ name, value, url: server.url })),
  );
  const phone = await phoneContextForNan.newPage();
  await phone.goto(`${server.url}/phone/${meetingId}`);
  const save = phone.getByTestId('save-my-copy');
  await expect(save.getByRole('heading', { name: 'Keep your copy' })).toBeVisible({ timeout: 15_000 });
  const downloading = phone.waitForEvent('download');
  await save.getByRole('button', { name: 'Save my part (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('pemberton-my-part-nan-pemberton-for-phones-v1-2026-12-02.pdf');
  await expect(save.getByRole('status')).toHaveText('Saved. Look in this phone’s downloads.');
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await overflow(phone)).toBeLessThanOrEqual(0);

  // The worker, on the family page, sends Nan the family's plan and her part by email.
  const chair = await (await staffContext(browser)).newPage();
  await signIn(chair, server.url);
  await chair.goto(`${server.url}/staff/families/${familyId}`);
  const copies = chair.getByTestId('plan-copies');
  await expect(copies.getByRole('heading', { name: 'Copies of the plan' })).toBeVisible();
  await copies.getByLabel('Who is it for?').selectOption({ label: 'Nan Pemberton' });
  await expect(copies.getByLabel('Their name')).toHaveValue('Nan Pemberton');
  await expect(copies.getByLabel('Their email address')).toHaveValue('nan@family.example');
  await expect(copies.getByRole('checkbox', { name: 'The family’s plan' })).toBeChecked();
  await expect(copies.getByRole('checkbox', { name: 'Nan Pemberton’s part' })).toBeChecked();
  await copies.getByRole('button', { name: 'Send by email' }).click();
  await expect(copies.getByTestId('copies-notice')).toHaveText('Sent to nan@family.example.');
  await eventually(() => expect(mail.received).toHaveLength(1));
  expect(mail.received[0]!.attachments.map((each) => each.filename)).toEqual([
    'pemberton-plan-v1-2026-12-02.pdf',
    'pemberton-my-part-nan-pemberton-v1-2026-12-02.pdf',
  ]);

  const rows = copies.getByTestId('copies-given').getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Nan Pemberton’s part, version 1');
  await expect(rows.nth(0)).toContainText('Saved on their own phone');
  await expect(rows.nth(1)).toContainText('The family’s plan, version 1');
  await expect(rows.nth(1)).toContainText('Emailed to nan@family.example by Administrator');
  await expect(rows.nth(2)).toContainText('Nan Pemberton’s part, version 1');
  expect(await seriousViolations(chair)).toEqual([]);
  await chair.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(chair)).toBeLessThanOrEqual(0);
});
