import { addScalingQuestion, pairStatementWithGoal, readCards, type Result } from '@kinboard/shared';
import { meetingAuthorsSchema } from '@kinboard/shared/access/credit';
import { meetingDraftsSchema } from '@kinboard/shared/before-meeting/drafts';
import { maxViewsPerSender, viewsBeforeReplySchema } from '@kinboard/shared/before-meeting/view-before';
import { agreedRecordSchema, exportPath, exportWords } from '@kinboard/shared/export/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testReason } from '../helpers/agreement.ts';
import { Browser } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import {
  cookieOf,
  createFamily,
  createMeeting,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const day = 24 * 3_600_000;
const patWorry = 'Dad still drives the children after a drink on Sundays';
const patWell = 'Maisie tells me when she is scared';
const patOffer = 'I can have the children every Sunday afternoon';

/**
 * Before the meeting, through the real server: the worker drafts a review ten days ahead and shares its drafts from
 * a time of their choosing; a grandmother who cannot come reads them through her pass only from
 * then, and sends her view; the chair brings it in, credited as sent before the meeting by her,
 * and the case record says so.
 */
describe('[DRAFT1] [DRAFT2] [DRAFT3] [PRIOR1] [PRIOR2] [PRIOR3] [PRIOR4] [PRIOR5] before the meeting', () => {
  let server: TestServer;
  let chair: Browser;
  let pat: Browser;
  let questionId: string;
  let viewId: string;
  let meetingId: string;
  const sockets: RealtimeClient[] = [];
  const clients: StockClient[] = [];
  const serverNow = async () => (await chair.post('/api/test-clock', { advanceByMs: 0 })).body.now as number;

  beforeAll(async () => {
    server = await startSignedInServer({ TEST_CLOCK: 'true', ADMIN_NAME: 'Tom Price' });
    chair = (await signInStaff(server, '10.9.0.1')).browser;
    pat = new Browser(server, '10.9.0.2');
    // A meeting ten days ahead, drafted by the worker in its frame before it opens.
    const date = new Date((await serverNow()) + 10 * day).toISOString().slice(0, 10);
    const familyId = await createFamily(chair, 'Hollis family');
    meetingId = await createMeeting(chair, familyId, { title: 'Review', date });
    const frame = connectStockClient(server.wsUrl, `${meetingId}.frame`, { cookie: cookieOf(chair) });
    clients.push(frame);
    await frame.synced;
    pairStatementWithGoal(frame.doc, {
      statement: 'We worry that Dad drives the children after drinking.',
      goal: 'The children are only driven by a sober adult.',
    });
    addScalingQuestion(frame.doc, {
      text: 'How safe are the children on Sundays?',
      zeroMeans: 'not at all',
      tenMeans: 'fully',
    });
    await eventually(async () => {
      const drafts = (await chair.get(`/api/meetings/${meetingId}/drafts`)).body;
      expect(drafts.scalingQuestions).toHaveLength(1);
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  it('[DRAFT1] the worker previews the drafts the meeting holds before it opens', async () => {
    const preview = await chair.get(`/api/meetings/${meetingId}/drafts`);
    expect(preview.status).toBe(200);
    const drafts = meetingDraftsSchema.parse(preview.body);
    expect(drafts.statements.length).toBeGreaterThan(0);
    expect(drafts.statements[0]!.goal).not.toBe('');
    expect(drafts.scalingQuestions.length).toBeGreaterThan(0);
    expect(drafts.statements[0]!.statement).toContain('drives the children');
    expect(drafts.agenda.length).toBeGreaterThan(3);
    questionId = drafts.scalingQuestions[0]!.id;
    // Nobody but staff with access: a stranger is told to sign in.
    expect((await new Browser(server, '10.9.0.9').get(`/api/meetings/${meetingId}/drafts`)).status).toBe(401);
  });

  it('[DRAFT2] [DRAFT3] a pass opens the drafts only from the time the worker chose', async () => {
    const from = (await serverNow()) + 3 * day;
    const set = await chair.request('PUT', `/api/meetings/${meetingId}/drafts-share`, { from });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ from });
    const issued = await chair.post(`/api/meetings/${meetingId}/passes`, {
      holderName: 'Pat Hollis',
      relationship: 'Nan',
    });
    expect(issued.status).toBe(201);
    const token = String(issued.body.link).split('#')[1];
    expect((await pat.post('/api/pass/open', { token })).status).toBe(200);

    const early = await pat.get('/api/pass/drafts');
    expect(early.status).toBe(404);
    expect(JSON.stringify(early.body)).not.toContain('statement');

    await chair.post('/api/test-clock', { advanceByMs: 3 * day + 60_000 });
    const shared = await pat.get('/api/pass/drafts');
    expect(shared.status).toBe(200);
    const drafts = meetingDraftsSchema.parse(shared.body);
    expect(drafts.sharedFrom).toBe(from);
    expect(drafts.scalingQuestions.map((question) => question.id)).toContain(questionId);
    // A pass for the meeting opens nothing else: not the plan between meetings, not the board.
    expect((await pat.get('/api/pass')).status).toBeGreaterThanOrEqual(400);
    expect((await pat.get(`/api/meetings/${meetingId}`)).status).toBe(401);
  });

  it('[PRIOR1] [PRIOR2] her view is kept under the name the server recorded for her pass, within limits', async () => {
    // A name in the body is not taken: the schema has no place for one.
    const claimed = await pat.post('/api/pass/views-before', { worries: 'x', name: 'Somebody Else' });
    expect(claimed.status).toBe(400);
    expect((await pat.post('/api/pass/views-before', {})).status).toBe(400);
    expect((await pat.post('/api/pass/views-before', { worries: 'w'.repeat(2001) })).status).toBe(400);
    const sent = await pat.post('/api/pass/views-before', {
      worries: patWorry,
      workingWell: patWell,
      offers: patOffer,
      scaling: [{ questionId, value: 6 }],
    });
    expect(sent.status).toBe(201);
    for (let i = 1; i < maxViewsPerSender; i++)
      expect((await pat.post('/api/pass/views-before', { offers: `more ${i}` })).status).toBe(201);
    expect((await pat.post('/api/pass/views-before', { offers: 'one too many' })).status).toBe(400);

    const listed = viewsBeforeReplySchema.parse(
      (await chair.get(`/api/meetings/${meetingId}/views-before`)).body,
    );
    expect(listed.views).toHaveLength(maxViewsPerSender);
    const first = listed.views[0]!;
    expect(first).toMatchObject({
      name: 'Pat Hollis',
      relationship: 'Nan',
      worries: patWorry,
      scaling: [{ questionId, value: 6 }],
    });
    expect(first.sentAt).toBeGreaterThanOrEqual((await serverNow()) - 60_000);
    viewId = first.id;
    // The holder cannot read the views back, nor anyone without access to the family.
    expect((await pat.get(`/api/meetings/${meetingId}/views-before`)).status).toBe(401);
  });

  it('[DRAFT3] [PRIOR6] each pass opens only its own kind; a meeting pass taken back opens nothing', async () => {
    const familyId: string = (await chair.get(`/api/meetings/${meetingId}`)).body.family.id;
    // A pass between meetings opens neither the drafts nor the view.
    const endsOn = new Date((await serverNow()) + 30 * day).toISOString().slice(0, 10);
    const between = await chair.post(`/api/families/${familyId}/passes`, {
      holderName: 'Sam Okoro',
      relationship: 'Neighbour',
      endsOn,
    });
    expect(between.status).toBe(201);
    const sam = new Browser(server, '10.9.0.3');
    expect(
      (await sam.post('/api/pass/open', { token: String(between.body.link).split('#')[1] })).status,
    ).toBe(200);
    expect((await sam.get('/api/pass/drafts')).status).toBe(401);
    expect((await sam.post('/api/pass/views-before', { worries: 'x' })).status).toBe(401);
    // A meeting pass taken back from the family's passes opens nothing, everywhere it was used.
    const lost = await chair.post(`/api/meetings/${meetingId}/passes`, {
      holderName: 'Lee Hollis',
      relationship: 'Uncle',
    });
    const lee = new Browser(server, '10.9.0.4');
    expect((await lee.post('/api/pass/open', { token: String(lost.body.link).split('#')[1] })).status).toBe(
      200,
    );
    expect((await lee.get('/api/pass/drafts')).status).toBe(200);
    const reissued = await chair.post(`/api/families/${familyId}/passes/${lost.body.pass.id}/reissue`);
    expect(reissued.body.link).toMatch(/^\/pass\/drafts#/);
    expect((await lee.get('/api/pass/drafts')).status).toBe(410);
    expect(
      (await lee.post('/api/pass/open', { token: String(reissued.body.link).split('#')[1] })).status,
    ).toBe(200);
    expect((await lee.get('/api/pass/drafts')).status).toBe(200);
    lost.body.pass.id = reissued.body.pass.id;
    expect((await chair.post(`/api/families/${familyId}/passes/${lost.body.pass.id}/revoke`)).status).toBe(
      200,
    );
    expect((await lee.get('/api/pass/drafts')).status).toBe(410);
    expect((await lee.post('/api/pass/views-before', { worries: 'x' })).status).toBe(410);
    const listed = (await chair.get(`/api/families/${familyId}/passes`)).body.passes;
    expect(listed.find((pass: { id: string }) => pass.id === lost.body.pass.id)).toMatchObject({
      kind: 'before-meeting',
      state: 'revoked',
    });
  });

  it('[PRIOR3] [PRIOR4] the chair brings her view in, once: cards credited as sent before the meeting by her', async () => {
    expect((await chair.post(`/api/meetings/${meetingId}/open`)).status).toBe(200);
    // Until the chair brings a view in, the meeting's author list does not name its sender.
    const before = meetingAuthorsSchema.parse((await chair.get(`/api/meetings/${meetingId}/authors`)).body);
    expect(before.authors.map((author) => author.name)).not.toContain('Pat Hollis');
    const brought = await chair.post(`/api/meetings/${meetingId}/views-before/${viewId}/bring-in`);
    expect(brought.status).toBe(200);
    expect(brought.body.cards).toHaveLength(3);
    expect((await chair.post(`/api/meetings/${meetingId}/views-before/${viewId}/bring-in`)).status).toBe(409);

    await eventually(() => {
      const cards = readCards(storedDoc(server.dataDir, `${meetingId}.map`)).filter(
        (card) => card.authorId === `prior:${viewId}`,
      );
      expect(cards.map((card) => [card.domain, card.text])).toEqual(
        expect.arrayContaining([
          ['complicatingFactors', patWorry],
          ['existingStrengths', patWell],
          ['nextSteps', patOffer],
        ]),
      );
    });
    const authors = meetingAuthorsSchema.parse((await chair.get(`/api/meetings/${meetingId}/authors`)).body);
    expect(authors.authors).toContainEqual({
      key: `prior:${viewId}`,
      name: 'Pat Hollis',
      relationship: 'Nan',
      sentBefore: true,
    });
    const listed = viewsBeforeReplySchema.parse(
      (await chair.get(`/api/meetings/${meetingId}/views-before`)).body,
    );
    expect(listed.views.find((view) => view.id === viewId)?.broughtInAt).toBeDefined();
  });

  it('[PRIOR4] [PRIOR5] the case record says whose view it was and that it was sent before the meeting', async () => {
    const socket = connectRealtime(server.url, 1, cookieOf(chair));
    sockets.push(socket);
    const ask = async (event: Parameters<typeof request>[1], payload: unknown) => {
      const answer = (await request(socket, event, payload)) as unknown as Result<unknown>;
      expect(answer, `${event} ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
    };
    await ask('meeting:enter', { meetingId, screen: 'chair' });
    await ask('plan:agreement', { action: 'start', reason: testReason });
    await ask('plan:agreement', { action: 'finalise' });
    const download = async (format: 'md' | 'json') =>
      (
        await fetch(`${server.url}${exportPath(meetingId, 1, format)}`, {
          headers: { cookie: cookieOf(chair) },
        })
      ).text();
    // Markdown bolds each label: read it as plain words.
    const record = (await download('md')).replaceAll('**', '');
    const credit = `${exportWords.caseRecord.sentBeforeBy}: Pat Hollis (Nan)`;
    expect(record).toContain(patWorry);
    expect(record.slice(record.indexOf(patWorry))).toContain(credit);
    // The views brought in, with her number beside the question it answers.
    const sent = record.slice(record.indexOf(exportWords.caseRecord.sentBefore));
    expect(sent).toContain('Pat Hollis (Nan)');
    expect(sent).toContain('How safe are the children on Sundays?: 6');
    const json = agreedRecordSchema.parse(JSON.parse(await download('json')));
    expect(json.map.find((card) => card.text === patOffer)).toMatchObject({
      author: 'Pat Hollis',
      relationship: 'Nan',
      sentBefore: true,
      perspective: 'network',
    });
    expect(json.sentBefore?.[0]).toMatchObject({ name: 'Pat Hollis', relationship: 'Nan' });
    expect(json.sentBefore?.[0]?.scaling[0]).toMatchObject({ value: 6 });
  });
});
