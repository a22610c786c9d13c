import { planRules, type Result } from '@kinboard/shared';
import { emailCopiesPath, phoneCopyPath, staffCopyPath, copiesPath } from '@kinboard/shared/access/copies';
import { readPdf, positionsInOrder } from '@kinboard/server/export/read-back';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testReason } from '../helpers/agreement.ts';
import { eventually } from '../helpers/eventually.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail-server.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
  type Guest,
} from '../helpers/meeting-harness.ts';
import type { Browser } from '../helpers/browser.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { readPlanRules } from '@kinboard/shared';

/** A POST that answers a file, as the pages send it: JSON body, the browser's cookie. */
async function postForFile(server: TestServer, browser: Browser, path: string, body: unknown = undefined) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      cookie: cookieOf(browser),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

const isPdf = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';

describe('[COPY1]-[COPY8] everyone has their copy: sent through a real SMTP server, saved on a phone, recorded', () => {
  let mail: TestMailServer;
  let server: TestServer;
  let chair: Browser;
  let chairId: string;
  let familyId: string;
  let meetingId: string;
  let nan: Guest;
  let uncle: Guest;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  const ask = async (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) => {
    const answer = (await request(socket, event, payload)) as unknown as Result<unknown>;
    expect(answer, `${event} ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
  };

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startSignedInServer({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.port),
      SMTP_USER: mail.user,
      SMTP_PASSWORD: mail.password,
      SMTP_FROM: 'Kinboard <kinboard@county.example>',
      SMTP_REQUIRE_TLS: 'false',
    });
    const staff = await signInStaff(server, '10.9.0.1');
    chair = staff.browser;
    chairId = staff.staffId;
    familyId = await createFamily(chair, 'Pemberton family', {
      network: [{ name: 'Nan Pemberton', relationship: 'Nan', contact: 'nan@family.example' }],
    });
    const opened = await createOpenMeeting(chair, familyId, { title: 'Network meeting', date: '2026-12-02' });
    meetingId = opened.meetingId;
    nan = await joinAsGuest(server, opened.code, {
      address: '10.9.0.2',
      name: 'Nan Pemberton',
      relationship: 'Nan',
    });
    uncle = await joinAsGuest(server, opened.code, {
      address: '10.9.0.3',
      name: 'Uncle Ray',
      relationship: 'Uncle',
    });
    await admitGuest(chair, meetingId, nan.participantId, 'family');
    await admitGuest(chair, meetingId, uncle.participantId, 'network');

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
    const chairSocket = connectRealtime(server.url, 1, cookieOf(chair));
    const nanSocket = connectRealtime(server.url, 1, nan.cookie);
    sockets.push(chairSocket, nanSocket);
    await ask(chairSocket, 'meeting:enter', { meetingId, screen: 'chair' });
    await ask(nanSocket, 'meeting:enter', { meetingId, screen: 'phone' });
    await ask(chairSocket, 'plan:agreement', { action: 'start', reason: testReason });
    await ask(nanSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:agreement', { action: 'finalise' });
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
    await server?.dispose();
    await mail?.close();
  });

  it('[COPY3] [COPY6] [COPY7] emails the family plan and Nan’s part as real PDFs, and the family page lists them', async () => {
    const before = (await chair.get(copiesPath(familyId))).body;
    expect(before).toEqual({ copies: [], email: true });

    const sent = await chair.post(emailCopiesPath(meetingId, 1), {
      recipientName: 'Nan Pemberton',
      address: 'nan@family.example',
      what: ['family-plan', 'my-part'],
      personKey: nan.key,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await eventually(() => expect(mail.received).toHaveLength(1));
    const message = mail.received[0]!;
    expect(message.to && !Array.isArray(message.to) ? message.to.text : '').toBe('nan@family.example');
    expect(message.from?.value[0]).toMatchObject({ name: 'Kinboard', address: 'kinboard@county.example' });
    expect(message.subject).toBe(
      'Your copy of the Pemberton family plan (version 1, agreed at the meeting on 2026-12-02)',
    );
    expect(message.text).toContain('Dear Nan Pemberton,');
    expect(message.text).toContain('Sent by Administrator through Kinboard.');
    // The plan's words travel only in the attachments, never in the message's text.
    expect(message.text).not.toContain('Nan collects Alfie');
    const files = message.attachments.map((each) => each.filename);
    expect(files).toEqual([
      'pemberton-plan-v1-2026-12-02.pdf',
      'pemberton-my-part-nan-pemberton-v1-2026-12-02.pdf',
    ]);
    for (const attachment of message.attachments) {
      expect(attachment.contentType).toBe('application/pdf');
      expect(isPdf(new Uint8Array(attachment.content))).toBe(true);
    }
    const familyPlan = await readPdf(new Uint8Array(message.attachments[0]!.content));
    positionsInOrder(familyPlan.text, [
      'The plan for the Pemberton family',
      'Nan collects Alfie from school on Tuesdays',
    ]);
    const part = await readPdf(new Uint8Array(message.attachments[1]!.content));
    expect(part.text).toContain('Nan Pemberton');
    expect(part.text).toContain('Nan collects Alfie from school on Tuesdays');
    expect(part.pages).toHaveLength(1);

    const listed = (await chair.get(copiesPath(familyId))).body;
    expect(listed.copies).toMatchObject([
      {
        meetingId,
        meetingTitle: 'Network meeting',
        version: 1,
        what: 'family-plan',
        partOf: null,
        recipientName: 'Nan Pemberton',
        method: 'email',
        address: 'nan@family.example',
        byStaff: { id: chairId, name: 'Administrator' },
      },
      {
        what: 'my-part',
        partOf: { key: nan.key, name: 'Nan Pemberton' },
        method: 'email',
        address: 'nan@family.example',
      },
    ]);
    // Audited without the address or the plan [COPY7].
    const audit = (await chair.get(`/api/families/${familyId}/audit?limit=200`)).body.entries as {
      action: string;
      detail: Record<string, unknown>;
    }[];
    const emailed = audit.filter((entry) => entry.action === 'copy.emailed');
    expect(emailed).toHaveLength(1);
    expect(JSON.stringify(emailed[0])).not.toContain('nan@family.example');
    expect(JSON.stringify(emailed[0])).not.toContain('Alfie');
    expect(emailed[0]!.detail).toMatchObject({ version: 1, what: 'family-plan,my-part' });
  });

  it('[COPY4] an address the mail server refuses is a plain error, and nothing is recorded as given', async () => {
    mail.refuse('nobody@family.example');
    const count = (await chair.get(copiesPath(familyId))).body.copies.length;
    const received = mail.received.length;
    const refused = await chair.post(emailCopiesPath(meetingId, 1), {
      recipientName: 'Nobody',
      address: 'nobody@family.example',
      what: ['family-plan'],
    });
    expect(refused.status).toBe(502);
    expect(refused.body).toEqual({ error: 'mail-failed', message: 'The mail server refused that address.' });
    expect((await chair.get(copiesPath(familyId))).body.copies).toHaveLength(count);
    expect(mail.received).toHaveLength(received);
    // Checked before anything is sent: a bad address, no copy chosen, a part with nobody.
    for (const body of [
      { recipientName: 'Nan', address: 'not an address', what: ['family-plan'] },
      { recipientName: 'Nan', address: 'nan@family.example', what: [] },
      { recipientName: 'Nan', address: 'nan@family.example', what: ['my-part'] },
    ])
      expect((await chair.post(emailCopiesPath(meetingId, 1), body)).status).toBe(400);
    expect(
      (
        await chair.post(emailCopiesPath(meetingId, 1), {
          recipientName: 'Nan',
          address: 'nan@family.example',
          what: ['my-part'],
          personKey: 'guest:nobody',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await chair.post(emailCopiesPath(meetingId, 9), {
          recipientName: 'Nan',
          address: 'nan@family.example',
          what: ['family-plan'],
        })
      ).status,
    ).toBe(404);
  });

  it('[COPY3] only staff with access to the family send copies or read the record', async () => {
    const body = { recipientName: 'Nan', address: 'nan@family.example', what: ['family-plan'] };
    expect((await nan.phone.post(emailCopiesPath(meetingId, 1), body)).status).toBe(401);
    expect((await nan.phone.get(copiesPath(familyId))).status).toBe(401);
    const account = { email: 'kim@county.example', password: 'kims long password here' };
    expect((await chair.post('/api/staff', { ...account, name: 'Kim', role: 'staff' })).status).toBe(201);
    const kim = await signInStaff(server, '10.9.0.4', account);
    expect((await kim.browser.post(emailCopiesPath(meetingId, 1), body)).status).toBe(404);
    expect((await kim.browser.get(copiesPath(familyId))).status).toBe(404);
    expect(mail.received).toHaveLength(1);
  });

  it('[COPY1] [COPY6] a phone saves its own copy: the plan and that person’s part, on a phone-sized page, recorded', async () => {
    const plan = await postForFile(server, nan.phone, phoneCopyPath(meetingId, 'family-plan'));
    expect(plan.status).toBe(200);
    expect(plan.headers.get('content-disposition')).toContain(
      'filename="pemberton-plan-for-phones-v1-2026-12-02.pdf"',
    );
    expect(isPdf(plan.bytes)).toBe(true);
    expect((await readPdf(plan.bytes)).pages[0]).toMatchObject({ width: 288, height: 512 });
    const part = await postForFile(server, nan.phone, phoneCopyPath(meetingId, 'my-part'));
    expect(part.status).toBe(200);
    expect((await readPdf(part.bytes)).text).toContain('Nan collects Alfie from school on Tuesdays');
    // Uncle Ray has no job in the plan: no part to save, and nothing recorded for it.
    expect((await postForFile(server, uncle.phone, phoneCopyPath(meetingId, 'my-part'))).status).toBe(404);
    expect((await postForFile(server, uncle.phone, phoneCopyPath(meetingId, 'family-plan'))).status).toBe(
      200,
    );
    // Staff give copies from the family page; a stranger's phone gets nothing.
    expect((await postForFile(server, chair, phoneCopyPath(meetingId, 'family-plan'))).status).toBe(403);
    const stranger = await fetch(`${server.url}${phoneCopyPath(meetingId, 'family-plan')}`, {
      method: 'POST',
    });
    expect(stranger.status).toBe(401);

    const phoneCopies = (await chair.get(copiesPath(familyId))).body.copies.filter(
      (copy: { method: string }) => copy.method === 'phone',
    );
    expect(phoneCopies).toMatchObject([
      { what: 'family-plan', recipientName: 'Nan Pemberton', version: 1, byStaff: null, address: null },
      { what: 'my-part', recipientName: 'Nan Pemberton', partOf: { key: nan.key, name: 'Nan Pemberton' } },
      { what: 'family-plan', recipientName: 'Uncle Ray' },
    ]);
  });

  it('[COPY5] staff download a copy to hand over, recorded as given by them', async () => {
    const file = await postForFile(server, chair, staffCopyPath(meetingId, 1), {
      recipientName: 'Nan Pemberton',
      what: 'my-part',
      personKey: nan.key,
    });
    expect(file.status).toBe(200);
    expect(isPdf(file.bytes)).toBe(true);
    const last = (await chair.get(copiesPath(familyId))).body.copies.at(-1);
    expect(last).toMatchObject({
      method: 'staff-download',
      what: 'my-part',
      byStaff: { name: 'Administrator' },
    });
  });

  it('[COPY9] one staff member sends at most 40 emails of copies an hour, failed ones too; others send on', async () => {
    const account = { email: 'sam@county.example', password: 'sams long password here' };
    const made = await chair.post('/api/staff', { ...account, name: 'Sam', role: 'staff' });
    expect(
      (await chair.post(`/api/families/${familyId}/access`, { staffId: made.body.staff.id })).status,
    ).toBe(200);
    const sam = await signInStaff(server, '10.9.0.5', account);
    // Refused by the mail server, so nothing lands in anyone's inbox; each still counts.
    mail.refuse('flood@family.example');
    const body = { recipientName: 'Flood', address: 'flood@family.example', what: ['family-plan'] };
    for (let i = 0; i < 40; i++)
      expect((await sam.browser.post(emailCopiesPath(meetingId, 1), body)).status).toBe(502);
    const stopped = await sam.browser.post(emailCopiesPath(meetingId, 1), body);
    expect(stopped.status).toBe(429);
    expect(stopped.body.message).toMatch(/download the copies instead/);
    // The limit is Sam's alone: the chair's copy goes.
    const received = mail.received.length;
    const sent = await chair.post(emailCopiesPath(meetingId, 1), {
      recipientName: 'Nan Pemberton',
      address: 'nan@family.example',
      what: ['family-plan'],
    });
    expect(sent.status).toBe(201);
    await eventually(() => expect(mail.received).toHaveLength(received + 1));
  });

  it('[COPY4] without a mail server the family page is told so, and sending is refused', async () => {
    const plain = await startSignedInServer();
    try {
      const staff = await signInStaff(plain, '10.9.1.1');
      const family = await createFamily(staff.browser, 'Quiet family');
      expect((await staff.browser.get(copiesPath(family))).body).toEqual({ copies: [], email: false });
    } finally {
      await plain.dispose();
    }
  });
});
