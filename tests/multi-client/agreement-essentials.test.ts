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
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { cookieOf, createOpenMeeting } from '../helpers/meeting-harness.ts';
import { useMeetingSuite } from '../helpers/meeting-suite.ts';
const ask = (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) =>
  request(socket, event, payload) as unknown as Promise<Result<PlanStatus>>;

describe('[PLAN9] agreement cannot skip the essentials unless the chair says why', () => {
  const suite = useMeetingSuite({ chairAddress: '10.1.0.1', family: 'Hollis' });
  const stock = (name: string) => suite.stock(name);
  const newMeeting = async () => {
    const { meetingId } = await createOpenMeeting(suite.chair, suite.familyId, { title: 'Essentials' });
    const socket = await suite.enter(cookieOf(suite.chair), meetingId, 'chair');
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
    const versions = await suite.chair.get(`/api/families/${suite.familyId}/plan-versions`);
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
