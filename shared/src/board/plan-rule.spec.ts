import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda } from './agenda.ts';
import { compareAgreedBoards, renderAgreedBoard } from './agreed-board.ts';
import { readBoardSettings, writeBoardSettings } from './board-settings.ts';
import { carryForward } from './carry-forward.ts';
import { checkUpdateRoots } from './board-schema.ts';
import { fireDrills } from './fire-drill.ts';
import { myPart } from './my-part.ts';
import { nextSteps } from './next-step.ts';
import { planCoverage, answeredStatements } from './plan-coverage.ts';
import { editPlanNote } from './plan-notes.ts';
import { planRules, readPlanRules } from './plan-rule.ts';
import { deleteStatementPair, pairStatementWithGoal, readStatementPairs } from './statement-pair.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const nan = { key: 'guest:nan', name: 'Nan' };
const tom = { key: 'guest:tom', name: 'Tom' };

function frameWithTwoStatements() {
  const frame = new Y.Doc();
  const drinking = pairStatementWithGoal(frame, {
    statement: 'Dani drinks in the evening.',
    goal: 'A sober adult.',
  });
  const handover = pairStatementWithGoal(frame, {
    statement: 'Shouting at handover.',
    goal: 'Calm handovers.',
  });
  return { frame, drinking, handover };
}

describe('plan rules', () => {
  it('adds a rule with what, who, when, how we will know and the statements it answers', () => {
    const plan = new Y.Doc();
    const id = planRules.add(
      plan,
      {
        what: 'Nan stays over on Fridays',
        when: 'Friday 6pm',
        howWeKnow: 'Nan texts Tom',
        who: [nan],
        answers: ['sp_a'],
      },
      { authorId: 'guest:nan' },
    );
    expect(readPlanRules(plan)).toEqual([
      expect.objectContaining({
        id,
        fields: {
          what: 'Nan stays over on Fridays',
          when: 'Friday 6pm',
          howWeKnow: 'Nan texts Tom',
          triggers: '',
          howOften: '',
        },
        who: [nan],
        answers: ['sp_a'],
        authorId: 'guest:nan',
      }),
    ]);
    expect(checkUpdateRoots(Y.encodeStateAsUpdate(plan), 'plan')).toEqual([]);
    expect(checkUpdateRoots(Y.encodeStateAsUpdate(plan), 'frame')).toEqual([
      { root: 'planRules', problem: 'unknown root' },
    ]);
  });

  it('two phones adding people and statements to one rule at once both land; the same person twice is one entry', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = planRules.add(a, { what: 'Someone sober every evening' });
    sync(a, b);
    planRules.addPerson(a, id, nan);
    planRules.addPerson(b, id, tom);
    planRules.addPerson(b, id, nan);
    planRules.setAnswers(a, id, 'sp_1', true);
    planRules.setAnswers(b, id, 'sp_2', true);
    sync(a, b);
    expect(readPlanRules(a)[0]!.who).toEqual([nan, tom]);
    expect(readPlanRules(b)[0]!.answers).toEqual(['sp_1', 'sp_2']);
    planRules.removePerson(a, id, tom);
    planRules.addPerson(a, id, { name: 'Pat (neighbour)' });
    expect(readPlanRules(a)[0]!.who).toEqual([nan, { name: 'Pat (neighbour)' }]);
  });

  it('refuses a person without a name and cuts over-long text', () => {
    const plan = new Y.Doc();
    const id = planRules.add(plan, { what: 'x'.repeat(5000) });
    planRules.addPerson(plan, id, { name: '  ' });
    expect(readPlanRules(plan)[0]!.fields.what).toHaveLength(2000);
    expect(readPlanRules(plan)[0]!.who).toEqual([]);
  });
});

describe('coverage', () => {
  it('lists the statements no rule answers; the warning clears when a rule answers it', () => {
    const { frame, drinking, handover } = frameWithTwoStatements();
    const plan = new Y.Doc();
    const rule = planRules.add(plan, { what: 'Nan stays over', answers: [drinking] });
    let coverage = planCoverage(readStatementPairs(frame), readPlanRules(plan));
    expect(coverage.uncovered.map((pair) => pair.id)).toEqual([handover]);
    expect(coverage.rulesFor.get(drinking)!.map((each) => each.id)).toEqual([rule]);
    planRules.setAnswers(plan, rule, handover, true);
    coverage = planCoverage(readStatementPairs(frame), readPlanRules(plan));
    expect(coverage.uncovered).toEqual([]);
  });

  it('a rule answering a removed statement covers nothing and shows no statement', () => {
    const { frame, drinking, handover } = frameWithTwoStatements();
    const plan = new Y.Doc();
    const rule = planRules.add(plan, { what: 'Nan stays over', answers: [drinking, handover] });
    deleteStatementPair(frame, handover);
    const pairs = readStatementPairs(frame);
    expect(answeredStatements(readPlanRules(plan)[0]!, pairs).map((pair) => pair.id)).toEqual([drinking]);
    expect(planCoverage(pairs, readPlanRules(plan)).rulesFor.has(handover)).toBe(false);
    expect(readPlanRules(plan)[0]!.id).toBe(rule);
  });
});

describe('my part', () => {
  it('shows exactly the rules, fire drills and next steps that name the person', () => {
    const plan = new Y.Doc();
    planRules.add(plan, { what: 'Nan stays over', who: [nan] });
    planRules.add(plan, { what: 'Tom collects', who: [tom] });
    planRules.add(plan, { what: 'Both check in', who: [nan, tom] });
    fireDrills.add(plan, { what: 'Call Nan at 9pm', who: [nan] });
    nextSteps.add(plan, { what: 'Tom books the GP', who: [tom] });
    const part = myPart(
      { rules: readPlanRules(plan), fireDrills: fireDrills.read(plan), nextSteps: nextSteps.read(plan) },
      nan.key,
    );
    expect(part.rules.map((rule) => rule.fields.what)).toEqual(['Nan stays over', 'Both check in']);
    expect(part.fireDrills).toHaveLength(1);
    expect(part.nextSteps).toEqual([]);
  });
});

describe('comparing agreed versions', () => {
  it('lists what was added, changed and removed', () => {
    const { frame, drinking } = frameWithTwoStatements();
    const map = new Y.Doc();
    const plan = new Y.Doc();
    const kept = planRules.add(plan, { what: 'Nan stays over', answers: [drinking] });
    const dropped = planRules.add(plan, { what: 'Tom phones' });
    const before = renderAgreedBoard({ map, frame, plan });
    planRules.edit(plan, kept, { when: 'Fridays' });
    planRules.remove(plan, dropped);
    const added = planRules.add(plan, { what: 'Pat is on call' });
    editPlanNote(plan, 'contingency', 'Call Nan');
    const after = renderAgreedBoard({ map, frame, plan });
    expect(compareAgreedBoards(before, after)).toEqual([
      { part: 'rules', change: 'changed', id: kept, label: 'Nan stays over' },
      { part: 'rules', change: 'added', id: added, label: 'Pat is on call' },
      { part: 'rules', change: 'removed', id: dropped, label: 'Tom phones' },
      { part: 'notes', change: 'added', id: 'contingency', label: 'Call Nan' },
    ]);
    expect(compareAgreedBoards(after, after)).toEqual([]);
  });
});

describe('carrying forward', () => {
  it('[PLAN8] starts from the agreed statements and plan with their ids; agenda and vocabulary come from the new type; guests by name', () => {
    const { frame, drinking } = frameWithTwoStatements();
    writeBoardSettings(frame, { vocabularyId: 'wellbeing' });
    const plan = new Y.Doc();
    const rule = planRules.add(plan, {
      what: 'Nan stays over',
      who: [nan, { key: 'staff:s1', name: 'Sam' }],
      answers: [drinking],
    });
    const agreedFrame = Y.encodeStateAsUpdate(frame);
    const agreedPlan = Y.encodeStateAsUpdate(plan);
    const next = carryForward({ frame: agreedFrame, plan: agreedPlan }, 'family-network-meeting');
    const nextFrame = new Y.Doc();
    Y.applyUpdate(nextFrame, next.frame);
    const nextPlan = new Y.Doc();
    Y.applyUpdate(nextPlan, next.plan!);
    expect(readStatementPairs(nextFrame).map((pair) => pair.id)).toEqual(
      readStatementPairs(frame).map((pair) => pair.id),
    );
    expect(readBoardSettings(nextFrame).vocabularyId).toBe('safety');
    expect(readAgenda(nextFrame).length).toBeGreaterThan(0);
    expect(readPlanRules(nextPlan)).toEqual([
      expect.objectContaining({
        id: rule,
        who: [{ name: 'Nan' }, { key: 'staff:s1', name: 'Sam' }],
        answers: [drinking],
      }),
    ]);
    expect(Y.encodeStateAsUpdate(frame)).toEqual(agreedFrame);
  });
});
