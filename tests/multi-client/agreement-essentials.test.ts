import {
  addScalingQuestion,
  editPlanNote,
  editScalingQuestion,
  pairStatementWithGoal,
  planRules,
  readEssentialsReason,
  type PlanStatus,
  type Result,
} from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { Browser } from '../helpers/browser.ts';
import {
  cookieOf,
  createFamily,
  createOpenMeeting,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
const ask = (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) =>
  request(socket, event, payload) as unknown as Promise<Result<PlanStatus>>;

describe('[PLAN9] agreement cannot skip the essentials unless the chair says why', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer();
    ({ browser: chair } = await signInStaff(server, '10.1.0.1'));
    familyId = await createFamily(chair, 'Hollis');
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const stock = async (name: string) => {
    const client = connectStockClient(server.wsUrl, name, { cookie: cookieOf(chair) });
    clients.push(client);
    await client.synced;
    return client;
  };
  const newMeeting = async () => {
    const { meetingId } = await createOpenMeeting(chair, familyId, { title: 'Essentials' });
    const socket = connectRealtime(server.url, 1, cookieOf(chair));
    sockets.push(socket);
    expect(await request(socket, 'meeting:enter', { meetingId, screen: 'chair' })).toMatchObject({
      ok: true,
    });
    return { meetingId, socket };
  };

  it('refuses to start while a statement has no rule, a question has no ends, or there is no contingency plan', async () => {
    const { meetingId, socket } = await newMeeting();
    const frame = await stock(`${meetingId}.frame`);
    const plan = await stock(`${meetingId}.plan`);
    const drinking = pairStatementWithGoal(frame.doc, {
      statement: 'Dani drinks in the evening.',
      goal: 'A sober adult is with the children.',
    });
    const question = addScalingQuestion(frame.doc, { text: 'How safe are the children?' })!;
    const rule = planRules.add(plan.doc, { what: 'Nan stays on Fridays.' });

    const refusal = async (needle: RegExp) => {
      await eventually(async () => {
        const answer = await ask(socket, 'plan:agreement', { action: 'start' });
        expect(answer).toMatchObject({ ok: false, code: 'conflict' });
        expect(answer.ok ? '' : answer.message).toMatch(needle);
      });
    };
    // All three are missing, and the sentence names each.
    await refusal(/1 statement.*no rule.*scaling question.*0 and 10.*no contingency plan/);
    // A blank reason is no reason.
    expect(await ask(socket, 'plan:agreement', { action: 'start', reason: '   ' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    planRules.setAnswers(plan.doc, rule, drinking, true);
    await refusal(/^Not yet: 1 scaling question.*no contingency plan/);
    editScalingQuestion(frame.doc, question, {
      zeroMeans: 'Not safe at all',
      tenMeans: 'Safe enough to close',
    });
    await refusal(/^Not yet: there is no contingency plan\./);
    editPlanNote(plan.doc, 'contingency', 'If Nan cannot come, Uncle Rob does.');
    await eventually(async () =>
      expect(await ask(socket, 'plan:agreement', { action: 'start' })).toMatchObject({
        ok: true,
        value: { stage: 'agreeing' },
      }),
    );
    expect(readEssentialsReason(plan.doc)).toBe('');
  });

  it('starts with a reason, which is kept in the plan and in the agreed version', async () => {
    const { meetingId, socket } = await newMeeting();
    const frame = await stock(`${meetingId}.frame`);
    const plan = await stock(`${meetingId}.plan`);
    pairStatementWithGoal(frame.doc, { statement: 'Dani shouts at night.', goal: 'Calm nights.' });
    await eventually(async () => {
      const refused = await ask(socket, 'plan:agreement', { action: 'start' });
      expect(refused.ok ? '' : refused.message).toMatch(/1 statement/);
    });
    const reason = 'The family asked to agree tonight; the rule for nights is made on Monday.';
    expect(await ask(socket, 'plan:agreement', { action: 'start', reason })).toMatchObject({
      ok: true,
      value: { stage: 'agreeing' },
    });
    await eventually(() => expect(readEssentialsReason(plan.doc)).toBe(reason));
    expect(await ask(socket, 'plan:agreement', { action: 'finalise' })).toMatchObject({ ok: true });
    const versions = await chair.get(`/api/families/${familyId}/plan-versions`);
    const agreed = (versions.body.versions as { meetingId: string; board: { essentials?: unknown } }[]).find(
      (version) => version.meetingId === meetingId,
    );
    expect(agreed?.board.essentials).toMatchObject({
      uncoveredStatementIds: [expect.any(String)],
      noContingency: true,
      reason,
    });
  });
});
