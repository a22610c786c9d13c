import { planRules, readPlanRules, type Result } from '@kinboard/shared';
import { expect, test } from '@playwright/test';
import { testReason } from '../helpers/agreement.ts';
import { Browser as HttpBrowser } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail-server.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
} from '../helpers/meeting-harness.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { StartOptions } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import {
  accessEnv,
  admin,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';
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
  // An agreed plan, set up as the other screens would: Nan's rule from her phone, then agreement.
  const chairHttp = new HttpBrowser(server);
  await chairHttp.post('/api/session', { email: admin.email, password: admin.password });
  const familyId = await createFamily(chairHttp, 'Pemberton family', {
    network: [{ name: 'Nan Pemberton', relationship: 'Nan', contact: 'nan@family.example' }],
  });
  const { meetingId, code } = await createOpenMeeting(chairHttp, familyId, {
    title: 'Network meeting',
    date: '2026-12-02',
  });
  const nan = await joinAsGuest(server, code, { address: '', name: 'Nan Pemberton', relationship: 'Nan' });
  await admitGuest(chairHttp, meetingId, nan.participantId, 'family');
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];
  try {
    const plan = connectStockClient(server.wsUrl, `${meetingId}.plan`, { cookie: nan.cookie });
    clients.push(plan);
    await plan.synced;
    planRules.add(
      plan.doc,
      {
        what: 'Nan collects Alfie from school on Tuesdays',
        when: 'Tuesdays, 3pm',
        howWeKnow: 'Nan texts the social worker',
        who: [{ key: nan.key, name: 'Nan Pemberton' }],
        answers: [],
      },
      { authorId: nan.key },
    );
    await eventually(() =>
      expect(readPlanRules(storedDoc(server.dataDir, `${meetingId}.plan`))).toHaveLength(1),
    );
    const chairSocket = connectRealtime(server.url, 1, cookieOf(chairHttp));
    const nanSocket = connectRealtime(server.url, 1, nan.cookie);
    sockets.push(chairSocket, nanSocket);
    const ask = async (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) =>
      expect((await request(socket, event, payload)) as unknown as Result<unknown>).toMatchObject({
        ok: true,
      });
    await ask(chairSocket, 'meeting:enter', { meetingId, screen: 'chair' });
    await ask(nanSocket, 'meeting:enter', { meetingId, screen: 'phone' });
    await ask(chairSocket, 'plan:agreement', { action: 'start', reason: testReason });
    await ask(nanSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:agreement', { action: 'finalise' });
  } finally {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
  }

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
