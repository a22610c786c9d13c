import { testReason } from '../helpers/agreement.ts';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  closeCodes,
  compareAgreedBoards,
  editStatement,
  pairStatementWithGoal,
  planRules,
  readPlanRules,
  readStatementPairs,
  setAgendaStepSkipped,
  readAgenda,
  type AgreedBoard,
  type PlanStatus,
  type Result,
} from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import type { StockClient } from '../helpers/yjs-client.ts';
import { admitGuest, cookieOf, createOpenMeeting, joinAsGuest } from '../helpers/meeting-harness.ts';
import { useMeetingSuite } from '../helpers/meeting-suite.ts';
const closeCode = (client: StockClient) =>
  new Promise<number>((resolve) =>
    client.provider.on('connection-close', (event) => event && resolve(event.code)),
  );
const ask = (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) =>
  request(socket, event, payload) as unknown as Promise<Result<PlanStatus>>;

/** The bytes of every agreed version's documents, straight from the database. */
function agreedBytes(server: TestServer, meetingId: string): { part: string; data: Uint8Array }[] {
  const db = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'), { readOnly: true });
  try {
    return (
      db
        .prepare('SELECT part, data FROM plan_version_document WHERE meeting_id = ? ORDER BY version, part')
        .all(meetingId) as { part: string; data: Uint8Array }[]
    ).map((row) => ({ part: row.part, data: new Uint8Array(row.data) }));
  } finally {
    db.close();
  }
}

describe('[PLAN1]-[PLAN8] the safety plan: offers, agreement enforced by the server, versions, carrying forward', () => {
  const suite = useMeetingSuite({ chairAddress: '10.1.0.1', family: 'Hollis' });
  const { stock, enter } = suite;
  const newMeeting = (title: string) => createOpenMeeting(suite.chair, suite.familyId, { title });
  const guest = async (code: string, meetingId: string, name: string, role: string, address: string) => {
    const joined = await joinAsGuest(suite.server, code, { address, name, relationship: 'aunt' });
    await admitGuest(suite.chair, meetingId, joined.participantId, role);
    return { cookie: joined.cookie, key: joined.key };
  };

  it('builds, offers, agrees, refuses edits once locked, and starts the next meeting from the agreed version', async () => {
    const { server, chair, familyId } = suite;
    const { meetingId, code } = await newMeeting('First');
    const nan = await guest(code, meetingId, 'Nan', 'family', '10.2.0.1');
    const watcher = await guest(code, meetingId, 'Watcher', 'observer', '10.2.0.2');
    const frameName = `${meetingId}.frame`;
    const planName = `${meetingId}.plan`;
    const mapName = `${meetingId}.map`;

    // The chair drafts two statements; Nan writes two rules from her phone [PLAN1].
    const chairFrame = await stock(frameName, cookieOf(chair));
    const drinking = pairStatementWithGoal(chairFrame.doc, {
      statement: 'Dani drinks in the evening.',
      goal: 'A sober adult.',
    });
    const handover = pairStatementWithGoal(chairFrame.doc, {
      statement: 'Shouting at handover.',
      goal: 'Calm handovers.',
    });
    const nanPlan = await stock(planName, nan.cookie);
    const evenings = planRules.add(
      nanPlan.doc,
      { what: 'Nan stays over on Fridays', answers: [drinking] },
      { authorId: nan.key },
    );
    const handovers = planRules.add(
      nanPlan.doc,
      { what: 'Handovers at Nan’s', answers: [handover] },
      { authorId: nan.key },
    );
    await eventually(() => expect(readPlanRules(storedDoc(server.dataDir, planName))).toHaveLength(2));
    // An observer reads the plan but writes nothing to it.
    const watcherPlan = await stock(planName, watcher.cookie);
    let closed = closeCode(watcherPlan);
    planRules.edit(watcherPlan.doc, evenings, { when: 'never' });
    expect(await closed).toBe(closeCodes.refusedEdit);

    const chairSocket = await enter(cookieOf(chair), meetingId, 'chair');
    const nanSocket = await enter(nan.cookie, meetingId);
    const watcherSocket = await enter(watcher.cookie, meetingId);

    // Malformed messages are refused with a plain error naming the field [PLAN2].
    expect(await ask(nanSocket, 'plan:answer', { agrees: 'yes' })).toMatchObject({
      ok: false,
      code: 'bad-request',
      message: expect.stringContaining('agrees'),
    });
    expect(await ask(nanSocket, 'plan:offer', { ruleId: 'no such id!' })).toMatchObject({
      ok: false,
      code: 'bad-request',
      message: expect.stringContaining('ruleId'),
    });
    expect(await ask(nanSocket, 'plan:offer', { ruleId: evenings, extra: 1 })).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(await ask(chairSocket, 'plan:agreement', { action: 'sign' })).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    // Only the chair runs agreement and decides offers.
    expect(await ask(nanSocket, 'plan:agreement', { action: 'start', reason: testReason })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await ask(nanSocket, 'plan:offer-decision', { offerId: 'x', confirm: true })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    // "I can do this": Nan offers to take the handover rule; the chair confirms; the server writes her in [PLAN5].
    expect(await ask(nanSocket, 'plan:offer', { ruleId: 'pr_unknown' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const offered = await ask(nanSocket, 'plan:offer', { ruleId: handovers });
    expect(offered).toMatchObject({
      ok: true,
      value: { offers: [{ ruleId: handovers, name: 'Nan', status: 'waiting' }] },
    });
    const chairView = await ask(chairSocket, 'plan:status', {});
    const offerId = chairView.ok ? chairView.value.offers[0]!.id : '';
    expect(await ask(chairSocket, 'plan:offer-decision', { offerId, confirm: true })).toMatchObject({
      ok: true,
      value: { offers: [{ status: 'confirmed' }] },
    });
    expect(
      readPlanRules(storedDoc(server.dataDir, planName)).find((rule) => rule.id === handovers)?.who,
    ).toEqual([{ key: nan.key, name: 'Nan' }]);
    await eventually(() =>
      expect(readPlanRules(nanPlan.doc).find((rule) => rule.id === handovers)?.who).toHaveLength(1),
    );
    expect(await ask(chairSocket, 'plan:offer-decision', { offerId, confirm: false })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    // Answering before agreement starts is refused.
    expect(await ask(nanSocket, 'plan:answer', { agrees: true })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    // The chair moves to agreement: the plan's content is locked for everyone, the chair too [PLAN3].
    expect(await ask(chairSocket, 'plan:agreement', { action: 'start', reason: testReason })).toMatchObject({
      ok: true,
      value: { stage: 'agreeing', round: 1 },
    });
    const planBefore = Y.encodeStateAsUpdate(storedDoc(server.dataDir, planName));
    closed = closeCode(nanPlan);
    planRules.edit(nanPlan.doc, evenings, { when: 'Saturdays instead' });
    expect(await closed).toBe(closeCodes.refusedEdit);
    closed = closeCode(chairFrame);
    editStatement(chairFrame.doc, drinking, { statement: 'Changed during agreement' });
    expect(await closed).toBe(closeCodes.refusedEdit);
    const chairMap = await stock(mapName, cookieOf(chair));
    closed = closeCode(chairMap);
    chairMap.doc.getMap('cards').set('c_1', new Y.Map());
    expect(await closed).toBe(closeCodes.refusedEdit);
    expect(Y.encodeStateAsUpdate(storedDoc(server.dataDir, planName))).toEqual(planBefore);
    expect(readStatementPairs(storedDoc(server.dataDir, frameName))[0]!.statement).toBe(
      'Dani drinks in the evening.',
    );
    // The chair still runs the agenda.
    const chairFrame2 = await stock(frameName, cookieOf(chair));
    const firstStep = readAgenda(chairFrame2.doc)[0]!.id;
    setAgendaStepSkipped(chairFrame2.doc, firstStep, true);
    await eventually(() => expect(readAgenda(storedDoc(server.dataDir, frameName))[0]!.skipped).toBe(true));

    // Each person answers; a "no" needs its reason; an observer cannot answer [PLAN4].
    expect(await ask(nanSocket, 'plan:answer', { agrees: false })).toMatchObject({
      ok: false,
      code: 'bad-request',
      message: expect.stringContaining('reason'),
    });
    expect(await ask(watcherSocket, 'plan:answer', { agrees: true })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await ask(nanSocket, 'plan:answer', { agrees: false, reason: 'Fridays are hard for me' }),
    ).toMatchObject({
      ok: true,
      value: { answers: [{ participantKey: nan.key, agrees: false, reason: 'Fridays are hard for me' }] },
    });
    const answered = await ask(chairSocket, 'plan:answer', { agrees: true });
    expect(answered.ok && answered.value.answers.map((each) => [each.participantKey, each.agrees])).toEqual([
      [nan.key, false],
      [expect.stringMatching(/^staff:/), true],
    ]);
    // A guest sees only their own answer.
    const nanView = await ask(nanSocket, 'plan:status', {});
    expect(nanView.ok && nanView.value.answers.map((each) => each.participantKey)).toEqual([nan.key]);

    // Finalising stores the agreed version; the meeting is agreed; every edit is refused [PLAN6].
    expect(await ask(chairSocket, 'plan:agreement', { action: 'finalise' })).toMatchObject({
      ok: true,
      value: { stage: 'agreed', versions: [{ version: 1 }] },
    });
    expect((await chair.get(`/api/meetings/${meetingId}`)).body.meeting.state).toBe('agreed');
    const raw = await stock(planName, nan.cookie);
    closed = closeCode(raw);
    planRules.add(raw.doc, { what: 'Added after agreement' });
    expect(await closed).toBe(closeCodes.refusedEdit);
    const staffAfter = await stock(planName, cookieOf(chair));
    closed = closeCode(staffAfter);
    planRules.remove(staffAfter.doc, evenings);
    expect(await closed).toBe(closeCodes.refusedEdit);
    const versions = (await chair.get(`/api/families/${familyId}/plan-versions`)).body.versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      meetingId,
      version: 1,
      participants: expect.arrayContaining([
        { participantKey: nan.key, name: 'Nan', role: 'family' },
        { participantKey: watcher.key, name: 'Watcher', role: 'observer' },
      ]),
      answers: [
        expect.objectContaining({ name: 'Nan', agrees: false, reason: 'Fridays are hard for me' }),
        expect.objectContaining({ agrees: true }),
      ],
    });
    expect((versions[0].board as AgreedBoard).rules.map((rule) => rule.fields['what'])).toEqual([
      'Nan stays over on Fridays',
      'Handovers at Nan’s',
    ]);
    const firstAgreed = agreedBytes(server, meetingId);
    expect(firstAgreed.map((doc) => doc.part)).toEqual(['frame', 'map', 'plan']);

    // The next meeting starts from the agreed version [PLAN8].
    const second = await newMeeting('Review');
    const nextFrame = await stock(`${second.meetingId}.frame`, cookieOf(chair));
    const nextPlan = await stock(`${second.meetingId}.plan`, cookieOf(chair));
    expect(readStatementPairs(nextFrame.doc).map((pair) => pair.id)).toEqual([drinking, handover]);
    expect(readPlanRules(nextPlan.doc).map((rule) => [rule.id, rule.fields.what, rule.who])).toEqual([
      [evenings, 'Nan stays over on Fridays', []],
      [handovers, 'Handovers at Nan’s', [{ name: 'Nan' }]],
    ]);
    expect(readAgenda(nextFrame.doc)[0]!.skipped).toBe(false);

    // Changing it there leaves the first meeting's agreed version byte for byte as it was.
    planRules.edit(nextPlan.doc, evenings, { what: 'Nan stays over on Fridays and Saturdays' });
    editStatement(nextFrame.doc, handover, { statement: 'Shouting at handover, less often now.' });
    await eventually(() =>
      expect(readPlanRules(storedDoc(server.dataDir, `${second.meetingId}.plan`))[0]!.fields.what).toBe(
        'Nan stays over on Fridays and Saturdays',
      ),
    );
    await eventually(() =>
      expect(readStatementPairs(storedDoc(server.dataDir, `${second.meetingId}.frame`))[1]!.statement).toBe(
        'Shouting at handover, less often now.',
      ),
    );
    expect(agreedBytes(server, meetingId)).toEqual(firstAgreed);

    // Agreed in turn, the comparison lists the change [PLAN7].
    const secondChair = await enter(cookieOf(chair), second.meetingId, 'chair');
    expect(await ask(secondChair, 'plan:agreement', { action: 'start', reason: testReason })).toMatchObject({
      ok: true,
    });
    expect(await ask(secondChair, 'plan:agreement', { action: 'finalise' })).toMatchObject({ ok: true });
    const both = (await chair.get(`/api/families/${familyId}/plan-versions`)).body.versions as {
      board: AgreedBoard;
    }[];
    expect(both).toHaveLength(2);
    const changes = compareAgreedBoards(both[0]!.board, both[1]!.board).filter(
      (change) => change.part !== 'cards',
    );
    expect(changes).toEqual([
      { part: 'statements', change: 'changed', id: handover, label: 'Shouting at handover, less often now.' },
      { part: 'rules', change: 'changed', id: evenings, label: 'Nan stays over on Fridays and Saturdays' },
    ]);
    expect(agreedBytes(server, meetingId)).toEqual(firstAgreed);

    // Reopening to amend lets edits through again; the agreed versions stay.
    expect(await ask(chairSocket, 'plan:agreement', { action: 'reopen' })).toMatchObject({
      ok: true,
      value: { stage: 'drafting', round: 1 },
    });
    const amend = await stock(planName, nan.cookie);
    planRules.edit(amend.doc, evenings, { when: 'Fridays from 6pm' });
    await eventually(() =>
      expect(readPlanRules(storedDoc(server.dataDir, planName))[0]!.fields.when).toBe('Fridays from 6pm'),
    );
    expect(agreedBytes(server, meetingId)).toEqual(firstAgreed);
  });
});
