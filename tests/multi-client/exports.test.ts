import { testReason } from '../helpers/agreement.ts';
import {
  addCard,
  editMeetingDecision,
  nextSteps,
  pairStatementWithGoal,
  planRules,
  readCards,
  readPlanRules,
  type Result,
} from '@kinboard/shared';
import { agreedRecordSchema, exportPath, exportWords, myPartPath } from '@kinboard/shared/export/index';
import {
  positionsInOrder,
  readDocx,
  readDocxPictures,
  readPdf,
  readZip,
} from '@kinboard/server/export/read-back';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { saveDrawingImage, storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from './access-http.ts';

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
const staffPassword = 'another long staff password';
const mapCards = [
  {
    domain: 'existingStrengths',
    text: 'Nan has walked Maisie to school before and Maisie loves it.',
    author: 'Nan Ñúñez',
    perspective: 'family',
  },
  {
    domain: 'pastHarm',
    text: 'Maisie missed 14 mornings of school this term.',
    author: 'Tom Price',
    perspective: 'professional',
  },
  {
    domain: 'futureDanger',
    text: 'i dont like it when mum is in bed all day',
    author: 'Maisie',
    perspective: 'child',
  },
] as const;
const decision = 'Maisie stays at home; the family plan starts on Monday.';
const metricsToken = 'a-metrics-token-for-the-export-tests';

/** How many exports of one format the operator's figures have timed [OPS4]. */
async function timedExports(server: TestServer, format: string): Promise<number> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  const line = (await response.text())
    .split('\n')
    .find((each) => each.startsWith(`kinboard_export_seconds_count{format="${format}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('[EXPORT1]-[EXPORT3] exports of an agreed plan through the real server', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;
  let meetingId: string;
  let nanKey: string;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  /** A download as a browser gets it: status, headers and the bytes. */
  const download = async (browser: Browser | undefined, path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: browser ? { cookie: cookieOf(browser) } : {},
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  };
  const ask = async (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) => {
    const answer = (await request(socket, event, payload)) as unknown as Result<unknown>;
    expect(answer, `${event} ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
    return answer as { ok: true; value: { roundId?: string } };
  };

  beforeAll(async () => {
    server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        TRUST_PROXY: 'true',
        ADMIN_EMAIL: 'chair@example.org',
        ADMIN_PASSWORD: adminPassword,
        METRICS_TOKEN: metricsToken,
      },
    });
    chair = new Browser(server, '10.7.0.1');
    await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
    familyId = (await chair.post('/api/families', { name: 'Zoë Ñúñez' })).body.family.id;
    // A Wellbeing meeting: every export must say worry statement and wellbeing goal.
    meetingId = (
      await chair.post(`/api/families/${familyId}/meetings`, {
        type: 'team-around-the-family',
        date: '2026-11-24',
        title: 'Team around the family',
      })
    ).body.meeting.id;
    const code: string = (await chair.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
    const nan = new Browser(server, '10.7.0.2');
    const joined = await nan.post('/api/join', { code, name: 'Nan Ñúñez', relationship: 'Nan' });
    await chair.post(`/api/meetings/${meetingId}/participants/${joined.body.participantId}/admit`, {
      role: 'family',
    });
    nanKey = `guest:${joined.body.participantId}`;

    const stock = async (part: string, cookie: string) => {
      const client = connectStockClient(server.wsUrl, `${meetingId}.${part}`, { cookie });
      clients.push(client);
      await client.synced;
      return client;
    };
    const frame = await stock('frame', cookieOf(chair));
    const pair = pairStatementWithGoal(frame.doc, {
      statement: 'We worry Maisie misses school when Mum is poorly.',
      goal: 'Maisie gets to school on time every day.',
    });
    const plan = await stock('plan', cookieOf(nan));
    planRules.add(
      plan.doc,
      {
        what: 'Nan walks Maisie to school on Mondays 🚶',
        when: 'Mondays, 8.15am',
        howWeKnow: 'The school rings Nan if Maisie is late.',
        who: [{ key: nanKey, name: 'Nan Ñúñez' }],
        answers: [pair],
      },
      { authorId: nanKey },
    );
    nextSteps.add(
      plan.doc,
      { what: 'Book the review', byWhen: 'Friday', who: [{ name: 'Sam Okoro' }] },
      { authorId: nanKey },
    );
    // The map: Nan's card from her phone, the worker's, and the child's words as the worker wrote
    // them down; the chair writes the decision and the next meeting's date [EXPORT7] [EXPORT8].
    const nanMap = await stock('map', cookieOf(nan));
    addCard(nanMap.doc, { ...mapCards[0], authorId: nanKey });
    const chairMap = await stock('map', cookieOf(chair));
    addCard(chairMap.doc, mapCards[1]);
    addCard(chairMap.doc, mapCards[2]);
    editMeetingDecision(frame.doc, { decision, nextMeetingDate: '2027-01-12' });
    await eventually(() =>
      expect(readPlanRules(storedDoc(server.dataDir, `${meetingId}.plan`))).toHaveLength(1),
    );
    await eventually(() => expect(readCards(storedDoc(server.dataDir, `${meetingId}.map`))).toHaveLength(3));

    const chairSocket = connectRealtime(server.url, 1, cookieOf(chair));
    const nanSocket = connectRealtime(server.url, 1, cookieOf(nan));
    sockets.push(chairSocket, nanSocket);
    await ask(chairSocket, 'meeting:enter', { meetingId, screen: 'chair' });
    await ask(nanSocket, 'meeting:enter', { meetingId, screen: 'phone' });
    const started = await ask(chairSocket, 'scaling:start', {
      question: {
        questionId: 'q1',
        text: 'How well is Maisie doing at school?',
        zeroMeans: 'Not at all',
        tenMeans: 'Really well',
        tiedTo: { kind: 'standalone' },
      },
      mode: { named: true, open: false },
    });
    const roundId = started.value.roundId!;
    await ask(nanSocket, 'scaling:answer', { roundId, value: 7, reason: 'She likes her teacher' });
    await ask(chairSocket, 'scaling:answer', { roundId, value: 4, reason: '' });
    await ask(chairSocket, 'scaling:reveal', { roundId });
    await ask(chairSocket, 'plan:agreement', { action: 'start', reason: testReason });
    await ask(nanSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:agreement', { action: 'finalise' });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  it('[EXPORT1] the family plan PDF, the record as Word, Markdown, text and JSON, all from the agreed version', async () => {
    const pdf = await download(chair, exportPath(meetingId, 1, 'pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="zoe-nunez-plan-v1-2026-11-24.pdf"; filename*=UTF-8''zoe-nunez-plan-v1-2026-11-24.pdf`,
    );
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    const plan = await readPdf(pdf.bytes);
    positionsInOrder(plan.text, [
      'The plan for the Zoë Ñúñez family',
      'Worry statements and wellbeing goals',
      'We worry Maisie misses school when Mum is poorly.',
      'Wellbeing goal: Maisie gets to school on time every day.',
      'Who does what and when',
      'Nan walks Maisie to school on Mondays 🚶',
      'Who: Nan Ñúñez',
      'Answers: Worry statement 1',
      'Next steps',
      'Book the review',
      'Who: Sam Okoro',
    ]);

    // The same plan on a phone-sized page, for a family member to read where they received it.
    const phone = await download(chair, exportPath(meetingId, 1, 'pdf', 'phone'));
    expect(phone.headers.get('content-disposition')).toContain(
      'filename="zoe-nunez-plan-for-phones-v1-2026-11-24.pdf"',
    );
    const onPhone = await readPdf(phone.bytes);
    expect(onPhone.pages[0]).toMatchObject({ width: 288, height: 512 });
    positionsInOrder(onPhone.text, [
      'The plan for the Zoë Ñúñez family',
      'Nan walks Maisie to school on Mondays 🚶',
    ]);
    expect((await download(chair, `${exportPath(meetingId, 1, 'pdf')}?layout=tablet`)).status).toBe(400);

    const docx = await download(chair, exportPath(meetingId, 1, 'docx'));
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const html = await readDocx(docx.bytes);
    expect(html).toContain(
      '<h1>Worry statements and wellbeing goals</h1><ol><li>We worry Maisie misses school',
    );
    const text = html.replace(/<[^>]+>/g, ' ');
    positionsInOrder(text, [
      'Meeting type: Team Around the Family',
      'Attendees',
      'Nan Ñúñez',
      'Role: Family',
      'Scaling',
      'How well is Maisie doing at school?',
      'Numbers: 4, 7',
      'Nan Ñúñez (family): 7: She likes her teacher',
      'Plan rules',
      'Nan walks Maisie to school on Mondays 🚶',
      'Agreement',
      'Nan Ñúñez',
      'Agrees and understands their part: Yes',
    ]);

    const markdown = await download(chair, exportPath(meetingId, 1, 'md'));
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(new TextDecoder().decode(markdown.bytes)).toContain(
      '## Worry statements and wellbeing goals\n\n1. We worry',
    );
    const plain = new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'txt'))).bytes);
    positionsInOrder(plain, ['Scaling', 'Numbers: 4, 7', 'Plan rules', 'Nan walks Maisie']);

    const json = agreedRecordSchema.parse(
      JSON.parse(new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'json'))).bytes)),
    );
    expect(json).toMatchObject({
      schemaVersion: 1,
      family: { name: 'Zoë Ñúñez' },
      meeting: { id: meetingId, type: 'team-around-the-family' },
      version: { number: 1, agreedBy: { name: expect.any(String) } },
      vocabulary: { id: 'wellbeing', statement: { one: 'worry statement' } },
    });
    expect(json.scaling[0]!.points.map((point) => point.value)).toEqual([4, 7]);
    expect(json.agreement.map((answer) => answer.participantKey)).toContain(nanKey);
  });

  it('[EXPORT7] [EXPORT8] Word and text read back every map card with its domain and author, the child, the decision and the next meeting', async () => {
    const html = await readDocx((await download(chair, exportPath(meetingId, 1, 'docx'))).bytes);
    const word = html.replace(/<[^>]+>/g, ' ').replaceAll('&#39;', "'");
    const plain = new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'txt'))).bytes);
    for (const text of [word, plain])
      positionsInOrder(text, [
        'What the meeting decided',
        decision,
        'Next meeting: 12 January 2027.',
        'The map: What are we worried about?',
        'Wellbeing concerns',
        mapCards[1].text,
        'Written by: Tom Price',
        'Critical worries',
        mapCards[2].text,
        'Written by: Maisie',
        "The map: What's working well?",
        'Existing strengths',
        mapCards[0].text,
        'Written by: Nan Ñúñez',
        "In the child's own words",
        mapCards[2].text,
        'Written by: Maisie',
        'Worry statements and wellbeing goals',
      ]);
  });

  it('[RECORD7] the case record says who added each card, statement and rule and when, by the name the server recorded', async () => {
    const html = await readDocx((await download(chair, exportPath(meetingId, 1, 'docx'))).bytes);
    const word = html.replace(/<[^>]+>/g, ' ').replaceAll('&#39;', "'");
    const plain = new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'txt'))).bytes);
    const markdown = new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'md'))).bytes);
    const when = '\\d{1,2} \\w+ \\d{4}, \\d\\d:\\d\\d UTC';
    for (const text of [word, plain, markdown].map((each) =>
      each.replace(/\s+/g, ' ').replace(/[*\\]/g, ''),
    )) {
      // The card's screen said Tom Price wrote it; the chair's account added it.
      expect(text).toMatch(
        new RegExp(`${mapCards[1].text}[^]*?Written by: Tom Price[^]*?Added by: Administrator, ${when}`),
      );
      expect(text).toMatch(new RegExp(`${mapCards[0].text}[^]*?Added by: Nan Ñúñez, ${when}`));
      expect(text).toMatch(new RegExp(`We worry Maisie misses school[^]*?Added by: Administrator, ${when}`));
      expect(text).toMatch(
        new RegExp(`Nan walks Maisie to school on Mondays[^]*?Added by: Nan Ñúñez, ${when}`),
      );
    }
    const json = agreedRecordSchema.parse(
      JSON.parse(new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'json'))).bytes)),
    );
    const rule = json.board.rules[0]!;
    expect(json.added?.[rule.id]).toMatchObject({ name: 'Nan Ñúñez', role: 'family' });
    expect(json.added?.[rule.id]?.at).toBeLessThanOrEqual(json.version.agreedAt);
  });

  it('[EXPORT1] exports the version as agreed, never the live board: an amendment after reopening is not in version 1', async () => {
    const chairSocket = sockets[0]!;
    await ask(chairSocket, 'plan:agreement', { action: 'reopen' });
    const plan = connectStockClient(server.wsUrl, `${meetingId}.plan`, { cookie: cookieOf(chair) });
    clients.push(plan);
    await plan.synced;
    const rule = readPlanRules(plan.doc)[0]!;
    planRules.edit(plan.doc, rule.id, { what: 'Amended after agreement: Nan walks on Tuesdays' });
    await eventually(() =>
      expect(readPlanRules(storedDoc(server.dataDir, `${meetingId}.plan`))[0]!.fields.what).toContain(
        'Amended',
      ),
    );
    const text = (await readPdf((await download(chair, exportPath(meetingId, 1, 'pdf'))).bytes)).text;
    expect(text).toContain('Nan walks Maisie to school on Mondays');
    expect(text).not.toContain('Amended after agreement');
    const json = JSON.parse(
      new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'json'))).bytes),
    );
    expect(json.board.rules[0].fields.what).toBe('Nan walks Maisie to school on Mondays 🚶');
  });

  it('[EXPORT1] my part: one page with only that person’s jobs, for a guest or someone named by name', async () => {
    const nan = await download(chair, myPartPath(meetingId, 1, nanKey));
    expect(nan.status).toBe(200);
    expect(nan.headers.get('content-disposition')).toContain(
      'filename="zoe-nunez-my-part-nan-nunez-v1-2026-11-24.pdf"',
    );
    const sheet = await readPdf(nan.bytes);
    expect(sheet.pages).toHaveLength(1);
    positionsInOrder(sheet.text, ['My part in the plan: Nan Ñúñez', 'Nan walks Maisie to school']);
    expect(sheet.text).not.toContain('Book the review');
    const sam = await readPdf((await download(chair, myPartPath(meetingId, 1, 'name:Sam Okoro'))).bytes);
    positionsInOrder(sam.text, ['My part in the plan: Sam Okoro', 'Book the review']);
    expect(sam.text).not.toContain('Nan walks');
  });

  it('[EXPORT1] refuses without a sign-in or access, and answers 404 or 400 for what does not exist', async () => {
    await chair.post('/api/staff', {
      email: 'kim@example.org',
      name: 'Kim',
      password: staffPassword,
      role: 'staff',
    });
    const kim = new Browser(server, '10.7.0.3');
    await kim.post('/api/session', { email: 'kim@example.org', password: staffPassword });
    // Staff without access to the family get the answer of a missing meeting [ACCESS28].
    const refused = await download(kim, exportPath(meetingId, 1, 'pdf'));
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect((await download(kim, myPartPath(meetingId, 1, nanKey))).status).toBe(404);
    expect((await download(undefined, exportPath(meetingId, 1, 'json'))).status).toBe(401);
    expect((await download(chair, exportPath(meetingId, 2, 'pdf'))).status).toBe(404);
    expect((await download(chair, exportPath('no-such-meeting', 1, 'pdf'))).status).toBe(404);
    expect((await download(chair, myPartPath(meetingId, 1, 'guest:nobody'))).status).toBe(404);
    expect((await download(chair, `/api/meetings/${meetingId}/plan-versions/1/export/exe`)).status).toBe(400);
    expect((await download(chair, `/api/meetings/${meetingId}/plan-versions/one/export/pdf`)).status).toBe(
      400,
    );
  });

  it("[RECORD6] [AUDIT6] subject access: the family's worker downloads everything held as one zip; staff without access cannot", async () => {
    const made = await chair.post('/api/staff', {
      email: 'lee@example.org',
      name: 'Lee',
      password: staffPassword,
      role: 'staff',
    });
    const lee = new Browser(server, '10.7.0.9');
    await lee.post('/api/session', { email: 'lee@example.org', password: staffPassword });
    const path = `/api/families/${familyId}/subject-access`;
    // Without access to the family it answers as for a missing family [ACCESS28]; no bytes.
    const refused = await download(lee, path);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect((await download(undefined, path)).status).toBe(401);

    expect(
      (await chair.post(`/api/families/${familyId}/access`, { staffId: made.body.staff.id })).status,
    ).toBe(200);
    const archive = await download(lee, path);
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/zip');
    expect(archive.headers.get('content-disposition')).toMatch(
      /filename="kinboard-family-record-\d{4}-\d\d-\d\d\.zip"/,
    );
    const zip = readZip(archive.bytes);
    const folder = 'meetings/01-2026-11-24-team-around-the-family';
    expect(Object.keys(zip.files).sort()).toEqual(
      expect.arrayContaining([
        'README.txt',
        'family.json',
        'audit.json',
        'scaling.json',
        `${folder}/meeting.json`,
        `${folder}/history.json`,
        `${folder}/plan-v1.json`,
        `${folder}/plan-v1-case-record.docx`,
        `${folder}/plan-v1-case-record.txt`,
        `${folder}/views-sent-before.json`,
        'passes.json',
        'safety-journal.json',
        'copies-given.json',
      ]),
    );
    const readme = zip.text('README.txt');
    expect(readme).toContain('Everything Kinboard holds about the Zoë Ñúñez family');
    for (const file of [
      'family.json',
      'meeting.json',
      'history.json',
      'plan-vN.json',
      'audit.json',
      'scaling.json',
      'views-sent-before.json',
      'passes.json',
      'safety-journal.json',
      'copies-given.json',
    ])
      expect(readme, file).toContain(file);
    expect(readme).toContain(`${folder}/  Team around the family, 2026-11-24`);

    expect(JSON.parse(zip.text('family.json'))).toMatchObject({
      family: { id: familyId, name: 'Zoë Ñúñez' },
    });
    // The guest as kept, with the name they gave.
    const meeting = JSON.parse(zip.text(`${folder}/meeting.json`));
    expect(meeting.guests).toEqual([
      expect.objectContaining({ name: 'Nan Ñúñez', relationship: 'Nan', role: 'family' }),
    ]);
    expect(meeting.meeting.joinCode).toBeUndefined();
    // Who wrote what: every card with its versions and authors.
    const history = zip.text(`${folder}/history.json`);
    for (const words of [
      'Maisie missed 14 mornings',
      'i dont like it when mum is in bed all day',
      'Nan walks Maisie',
    ])
      expect(history, words).toContain(words);
    expect(JSON.parse(history)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'card',
          versions: [
            expect.objectContaining({
              author: expect.objectContaining({ name: 'Nan Ñúñez', role: 'family' }),
            }),
          ],
        }),
      ]),
    );
    expect(agreedRecordSchema.parse(JSON.parse(zip.text(`${folder}/plan-v1.json`)))).toMatchObject({
      version: { number: 1 },
    });
    const record = (await readDocx(zip.files[`${folder}/plan-v1-case-record.docx`]!)).replace(
      /<[^>]+>/g,
      ' ',
    );
    positionsInOrder(record, ['Plan rules', 'Nan walks Maisie to school on Mondays']);
    expect(zip.text(`${folder}/plan-v1-case-record.txt`)).toContain('Nan walks Maisie to school on Mondays');
    expect(zip.text('scaling.json')).toContain('She likes her teacher');
    // The audit entries about the family, the guest's name opened with the family's key.
    const audit = JSON.parse(zip.text('audit.json')) as {
      action: string;
      personal?: { name?: string };
      actorName?: string;
    }[];
    expect(audit.find((entry) => entry.action === 'participant.joined')?.personal?.name).toBe('Nan Ñúñez');
    expect(audit.find((entry) => entry.action === 'plan.agreed')?.actorName).toBeTruthy();

    // The download itself is on the family's record, as an export, by Lee.
    const entries = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries as {
      action: string;
      actorId: string;
      detail: Record<string, unknown>;
    }[];
    expect(entries.filter((entry) => entry.action === 'family.exported')).toEqual([
      expect.objectContaining({
        actorId: made.body.staff.id,
        detail: expect.objectContaining({ format: 'subject-access' }),
      }),
    ]);
  });

  it('[OPS4] each export made is timed by its format in the operator’s figures; a refused one is not', async () => {
    const [pdf, myPart] = [await timedExports(server, 'pdf'), await timedExports(server, 'my-part')];
    expect((await download(chair, exportPath(meetingId, 1, 'pdf'))).status).toBe(200);
    expect((await download(chair, myPartPath(meetingId, 1, nanKey))).status).toBe(200);
    expect((await download(undefined, exportPath(meetingId, 1, 'pdf'))).status).toBe(401);
    expect(await timedExports(server, 'pdf')).toBe(pdf + 1);
    expect(await timedExports(server, 'my-part')).toBe(myPart + 1);
  });

  it('[EXPORT2] every export is in the family audit log: who, which version, which format', async () => {
    const before = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries.filter(
      (entry: { action: string }) => entry.action === 'plan.exported',
    ).length;
    await download(chair, exportPath(meetingId, 1, 'txt'));
    await download(chair, myPartPath(meetingId, 1, nanKey));
    const entries = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries.filter(
      (entry: { action: string }) => entry.action === 'plan.exported',
    );
    expect(entries).toHaveLength(before + 2);
    expect(entries.slice(-2)).toMatchObject([
      { actorKind: 'staff', meetingId, detail: { version: 1, format: 'txt' } },
      { actorKind: 'staff', meetingId, detail: { version: 1, format: 'my-part', person: nanKey } },
    ]);
    // Refused exports leave no entry.
    expect(entries.every((entry: { actorId: string }) => entry.actorId === entries[0].actorId)).toBe(true);
  });

  it('[EXPORT2] my part on a phone-sized page is audited with whose part and the layout', async () => {
    const phone = await download(chair, myPartPath(meetingId, 1, 'name:Sam Okoro', 'phone'));
    expect(phone.status).toBe(200);
    expect(phone.headers.get('content-disposition')).toContain(
      'filename="zoe-nunez-my-part-sam-okoro-for-phones-v1-2026-11-24.pdf"',
    );
    const sheet = await readPdf(phone.bytes);
    expect(sheet.pages).toHaveLength(1);
    expect(sheet.pages[0]).toMatchObject({ width: 288, height: 512 });
    positionsInOrder(sheet.text, ['My part in the plan: Sam Okoro', 'Book the review']);
    const last = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries
      .filter((entry: { action: string }) => entry.action === 'plan.exported')
      .at(-1);
    expect(last).toMatchObject({
      actorKind: 'staff',
      familyId,
      meetingId,
      detail: { version: 1, format: 'my-part', layout: 'phone' },
      // Known to the plan only by name: the name is in the sealed part, read while the key exists [AUDIT6].
      personal: { person: 'name:Sam Okoro' },
    });
    expect(last.detail.person).toBeUndefined();
  });

  it('[LANG12] my part and the family plan in Welsh and in Arabic, as the family chose', async () => {
    const welsh = await download(chair, myPartPath(meetingId, 1, 'name:Sam Okoro', 'phone', 'cy'));
    expect(welsh.status).toBe(200);
    const welshSheet = await readPdf(welsh.bytes);
    positionsInOrder(welshSheet.text, [
      'Fy rhan i yn y cynllun: Sam Okoro',
      'Y camau nesaf',
      'Book the review',
    ]);
    expect(welshSheet.text).not.toContain('My part in the plan');
    expect(welshSheet.text).toContain('Tudalen 1 o 1');

    const arabic = await readPdf(
      (await download(chair, myPartPath(meetingId, 1, 'name:Sam Okoro', 'a4', 'ar'))).bytes,
    );
    expect(arabic.text).toContain('Sam Okoro');
    expect(arabic.text).not.toContain('My part in the plan');
    expect(arabic.text).not.toContain('Next steps');

    const plan = await readPdf((await download(chair, exportPath(meetingId, 1, 'pdf', 'a4', 'cy'))).bytes);
    expect(plan.text).toContain('Pwy sy’n gwneud beth a phryd');
    expect(plan.text).not.toContain('Who does what and when');
    // English stays the default, and a language Kinboard does not ship is refused.
    expect((await readPdf((await download(chair, myPartPath(meetingId, 1, nanKey))).bytes)).text).toContain(
      'My part in the plan',
    );
    expect((await download(chair, `${myPartPath(meetingId, 1, nanKey)}?lang=fr`)).status).toBe(400);
    const last = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries
      .filter((entry: { action: string }) => entry.action === 'plan.exported')
      .at(-2);
    expect(last).toMatchObject({ detail: { format: 'pdf', language: 'cy' } });
  });

  it('[EXPORT2] a refused or failed export writes nothing to the audit log', async () => {
    const exported = async () =>
      (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries.filter(
        (entry: { action: string }) => entry.action === 'plan.exported',
      ).length;
    const before = await exported();
    const kim = new Browser(server, '10.7.0.4');
    await kim.post('/api/session', { email: 'kim@example.org', password: staffPassword });
    const refusals: [Browser | undefined, string, number][] = [
      [kim, exportPath(meetingId, 1, 'docx'), 404],
      [kim, myPartPath(meetingId, 1, nanKey), 404],
      [undefined, exportPath(meetingId, 1, 'pdf'), 401],
      [undefined, myPartPath(meetingId, 1, nanKey), 401],
      [chair, exportPath(meetingId, 2, 'md'), 404],
      [chair, myPartPath(meetingId, 2, nanKey), 404],
      [chair, myPartPath(meetingId, 1, 'guest:nobody'), 404],
      [chair, `/api/meetings/${meetingId}/plan-versions/1/export/exe`, 400],
      [chair, `${exportPath(meetingId, 1, 'pdf')}?layout=tablet`, 400],
      [chair, `${myPartPath(meetingId, 1, nanKey)}?layout=tablet`, 400],
    ];
    for (const [who, path, status] of refusals) expect((await download(who, path)).status, path).toBe(status);
    expect(await exported()).toBe(before);
    // The count moves when an export is made, so the assertion above could fail.
    await download(chair, exportPath(meetingId, 1, 'md'));
    expect(await exported()).toBe(before + 1);
  });

  it('[EXPORT4] ten exports at once are drawn off the event loop: a screen joins and syncs while they render', async () => {
    let finished = 0;
    const started = performance.now();
    const exports = Array.from({ length: 10 }, (_, index) =>
      download(chair, exportPath(meetingId, 1, index % 2 === 0 ? 'pdf' : 'docx')).then((answer) => {
        finished++;
        return answer;
      }),
    );
    // A whole sync round trip (upgrade, admission, sync step 1 and 2) through the same server.
    const screen = connectStockClient(server.wsUrl, `${meetingId}.frame`, { cookie: cookieOf(chair) });
    clients.push(screen);
    await screen.synced;
    const syncedAfterMs = performance.now() - started;
    const pendingWhenSynced = 10 - finished;
    const answers = await Promise.all(exports);
    console.log(
      `[EXPORT4] synced after ${syncedAfterMs.toFixed(0)} ms with ${pendingWhenSynced} of 10 exports still rendering; ` +
        `all done after ${(performance.now() - started).toFixed(0)} ms`,
    );
    // On the event loop the renders run one after another between the sync's messages, so most
    // of them would be done first; in the pool the loop answers the screen while they queue.
    expect(pendingWhenSynced).toBeGreaterThanOrEqual(5);
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    // What came back from the threads reads back as the same plan and record.
    positionsInOrder((await readPdf(answers[0]!.bytes)).text, [
      'The plan for the Zoë Ñúñez family',
      'Nan walks Maisie to school on Mondays 🚶',
    ]);
    expect(await readDocx(answers[1]!.bytes)).toContain('<h1>Worry statements and wellbeing goals</h1>');
  });

  it('[EXPORT1] [DRAW4] the family plan PDF carries the meeting drawings as last drawn, under their own heading', async () => {
    const before = await readPdf((await download(chair, exportPath(meetingId, 1, 'pdf'))).bytes);
    expect(before.text).not.toContain('Three houses');
    expect(before.pages.reduce((sum, page) => sum + page.images, 0)).toBe(0);

    // The chair's drawing page uploads the picture of the three houses after an edit.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    expect(
      (await chair.request('PUT', `/api/meetings/${meetingId}/drawings/houses/image`, { png })).status,
    ).toBe(200);

    const after = await readPdf((await download(chair, exportPath(meetingId, 1, 'pdf'))).bytes);
    positionsInOrder(after.text, ['The plan for the Zoë Ñúñez family', 'Drawings', 'Three houses']);
    expect(after.pages.reduce((sum, page) => sum + page.images, 0)).toBe(1);
  });

  it('[EXPORT1] [DRAW4] the case record carries the drawings: pictures in Word, their titles in Markdown and text, none in JSON', async () => {
    const before = await download(chair, exportPath(meetingId, 1, 'docx'));
    // The three houses, uploaded in the test before; no genogram yet.
    expect((await readDocxPictures(before.bytes)).altTexts).toEqual(['Three houses']);
    // A 2 by 1 picture (red, blue) of the genogram, uploaded as the chair's drawing page does.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4AWP4z8Dwn4Hh/38AD/kD/dtv74kAAAAASUVORK5CYII=';
    expect(
      (await chair.request('PUT', `/api/meetings/${meetingId}/drawings/genogram/image`, { png })).status,
    ).toBe(200);

    const docx = await download(chair, exportPath(meetingId, 1, 'docx'));
    expect(docx.status).toBe(200);
    const pictures = await readDocxPictures(docx.bytes);
    // Canvas order: the genogram before the three houses uploaded in the test before.
    expect(pictures.altTexts).toEqual(['Genogram and safety circles', 'Three houses']);
    expect(pictures.media).toHaveLength(2);
    expect(pictures.imageRelationships).toBe(2);
    // As wide as the page (601 pixels of 9525 EMUs), half as tall: the picture keeps its shape.
    expect(pictures.extents[0]).toEqual({ width: 601 * 9525, height: 301 * 9525 });
    const html = await readDocx(docx.bytes);
    expect(html).toContain(
      '<h1>Drawings</h1><p>Genogram and safety circles</p><p><img alt="Genogram and safety circles" src="data:image/png;base64,',
    );
    positionsInOrder(html.replace(/<[^>]+>/g, ' '), [
      'Agreement',
      'Drawings',
      'Genogram and safety circles',
      'Three houses',
    ]);

    const markdown = new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'md'))).bytes);
    expect(markdown).toContain(
      '## Drawings\n\n- Genogram and safety circles\n- Three houses\n\nThe pictures are in',
    );
    const plain = new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'txt'))).bytes);
    positionsInOrder(plain, ['Agreement', 'Drawings', '* Genogram and safety circles', '* Three houses']);
    for (const text of [markdown, plain]) expect(text).not.toContain(png.slice(0, 24));

    // The JSON is the agreed version only: drawings change after agreement, so it stays at version 1 without them.
    const json = JSON.parse(
      new TextDecoder().decode((await download(chair, exportPath(meetingId, 1, 'json'))).bytes),
    );
    expect(agreedRecordSchema.parse(json).schemaVersion).toBe(1);
    expect(Object.keys(json)).not.toContain('drawings');
    expect(JSON.stringify(json)).not.toContain(png.slice(0, 24));
  });

  it('[EXPORT1] [DRAW4] a kept drawing image that cannot be read is left out with a note; the PDF and Word still come', async () => {
    // A real picture cut short (no pixels, no end), kept straight in the store past the upload's checks.
    const whole = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4AWP4z8Dwn4Hh/38AD/kD/dtv74kAAAAASUVORK5CYII=',
      'base64',
    );
    await saveDrawingImage(server.dataDir, {
      meetingId,
      canvas: 'story',
      png: new Uint8Array(whole.subarray(0, 40)),
      updatedAt: Date.now(),
      updatedBy: 'staff:test',
    });
    const note = exportWords.drawings.unreadable;

    const pdf = await download(chair, exportPath(meetingId, 1, 'pdf'));
    expect(pdf.status).toBe(200);
    const plan = await readPdf(pdf.bytes);
    positionsInOrder(plan.text, [
      'The plan for the Zoë Ñúñez family',
      'Drawings',
      'Genogram and safety circles',
      'Three houses',
      'Words and pictures',
      note.slice(0, 30),
    ]);
    expect(plan.pages.reduce((sum, page) => sum + page.images, 0)).toBe(2);

    const docx = await download(chair, exportPath(meetingId, 1, 'docx'));
    expect(docx.status).toBe(200);
    expect((await readDocxPictures(docx.bytes)).altTexts).toEqual([
      'Genogram and safety circles',
      'Three houses',
    ]);
    positionsInOrder((await readDocx(docx.bytes)).replace(/<[^>]+>/g, ' '), [
      'Agreement',
      'Drawings',
      'Three houses',
      'Words and pictures',
      note,
    ]);
    await eventually(() =>
      expect(server.output()).toMatch(/"canvas":"story","problem":"does not decode".*cannot be exported/),
    );
  });
});
