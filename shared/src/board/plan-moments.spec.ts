import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { partOfTime, ruleApplies, splitTriggers, testMoment } from './plan-moments.ts';
import { planRules, readPlanRules } from './plan-rule.ts';
import { planTests } from './plan-test.ts';
import { pairStatementWithGoal, readStatementPairs } from './statement-pair.ts';

function hollisPlan() {
  const frame = new Y.Doc();
  const plan = new Y.Doc();
  const drinking = pairStatementWithGoal(frame, {
    statement: 'Dani drinks at night.',
    goal: 'A sober adult.',
  });
  const school = pairStatementWithGoal(frame, {
    statement: 'Maisie misses school.',
    goal: 'School every day.',
  });
  const nights = planRules.add(plan, {
    what: 'Pat comes over and stays the night.',
    triggers: 'Dani has been drinking; Dani feels low',
    howOften: 'Every time Dani rings',
    who: [{ name: 'Pat Hollis' }],
    answers: [drinking],
  });
  for (const token of ['day:fri', 'day:sat', 'part:evening', 'part:night'])
    planRules.setMoment(plan, nights, token, true);
  const mornings = planRules.add(plan, {
    what: 'Sam walks Maisie to school.',
    who: [{ name: 'Sam Okoro' }],
    answers: [school],
  });
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'])
    planRules.setMoment(plan, mornings, `day:${day}`, true);
  planRules.setMoment(plan, mornings, 'part:morning', true);
  return { frame, plan, drinking, school, nights, mornings };
}

describe('[PLAN10] [PLAN11] rules that name their moments, and the plan tested at one', () => {
  it('reads parts of the day at their edges', () => {
    expect(
      ['05:59', '06:00', '11:59', '12:00', '16:59', '17:00', '21:59', '22:00', '02:00'].map(partOfTime),
    ).toEqual([
      'night',
      'morning',
      'morning',
      'afternoon',
      'afternoon',
      'evening',
      'evening',
      'night',
      'night',
    ]);
    expect(splitTriggers('drinking, contact visits;\n a row ,')).toEqual([
      'drinking',
      'contact visits',
      'a row',
    ]);
  });

  it('Saturday 2 a.m., Dani has been drinking: the night rule applies, Pat is named, school is left with nobody', () => {
    const { frame, plan, school, nights } = hollisPlan();
    const rules = readPlanRules(plan);
    expect(rules.find((rule) => rule.id === nights)!.moments).toEqual(
      expect.arrayContaining(['day:sat', 'part:night']),
    );
    const result = testMoment(readStatementPairs(frame), rules, {
      day: 'sat',
      time: '02:00',
      triggers: ['Dani has been drinking'],
    });
    expect(result.applying.map((rule) => rule.id)).toEqual([nights]);
    expect(result.named).toEqual([{ name: 'Pat Hollis' }]);
    expect(result.leftWithNobody.map((pair) => pair.id)).toEqual([school]);
  });

  it('a rule with triggers waits for one; a rule naming nobody leaves its statement with nobody', () => {
    const { frame, plan, drinking, school, nights, mornings } = hollisPlan();
    const pairs = readStatementPairs(frame);
    const sober = testMoment(pairs, readPlanRules(plan), { day: 'sat', time: '02:00', triggers: [] });
    expect(sober.applying).toEqual([]);
    expect(sober.leftWithNobody.map((pair) => pair.id)).toEqual([drinking, school]);
    const monday = testMoment(pairs, readPlanRules(plan), { day: 'mon', time: '08:15', triggers: [] });
    expect(monday.applying.map((rule) => rule.id)).toEqual([mornings]);
    planRules.removePerson(plan, mornings, 'name:Sam Okoro');
    const nobody = testMoment(pairs, readPlanRules(plan), { day: 'mon', time: '08:15', triggers: [] });
    expect(nobody.applying.map((rule) => rule.id)).toEqual([mornings]);
    expect(nobody.leftWithNobody.map((pair) => pair.id)).toEqual([drinking, school]);
    // A trigger matches in either direction, whatever the case.
    const rule = readPlanRules(plan).find((each) => each.id === nights)!;
    expect(ruleApplies(rule, { day: 'fri', time: '20:00', triggers: ['DRINKING'] })).toBe(true);
    expect(ruleApplies(rule, { day: 'sun', time: '20:00', triggers: ['drinking'] })).toBe(false);
  });

  it('a test is kept with the moment, who was named, what was left and what the meeting decided', () => {
    const { frame, plan, school } = hollisPlan();
    const result = testMoment(readStatementPairs(frame), readPlanRules(plan), {
      day: 'sat',
      time: '02:00',
      triggers: ['Dani has been drinking'],
    });
    const id = planTests.add(plan, {
      day: 'sat',
      time: '02:00',
      triggers: 'Dani has been drinking',
      decision: 'Uncle Rob takes Maisie to school on Mondays after a hard weekend.',
      who: result.named,
      answers: result.leftWithNobody.map((pair) => pair.id),
    });
    expect(planTests.read(plan)).toMatchObject([
      { id, fields: { day: 'sat', time: '02:00' }, who: [{ name: 'Pat Hollis' }], answers: [school] },
    ]);
  });
});
