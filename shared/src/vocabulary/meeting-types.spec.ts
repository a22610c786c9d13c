import { describe, expect, it } from 'vitest';
import { agendaStepSchema } from './agenda-step.ts';
import { meetingTable } from './meeting-table.ts';
import { defaultAgenda, isMeetingTypeId, meetingTypeIds, meetingTypes } from './meeting-types.ts';

describe('meeting types', () => {
  it('has one row per meeting type, in the order of the ids', () => {
    expect(meetingTable.map((row) => row.id)).toEqual([...meetingTypeIds]);
    expect(Object.keys(meetingTypes)).toEqual([...meetingTypeIds]);
  });

  it('keeps the ids the fixtures use', () => {
    expect(isMeetingTypeId('family-network-meeting')).toBe(true);
    expect(isMeetingTypeId('team-around-the-family')).toBe(true);
    expect(isMeetingTypeId('strategy-meeting')).toBe(false);
  });

  it('defaults each service area to its vocabulary', () => {
    const vocabulary = (id: keyof typeof meetingTypes) => meetingTypes[id].defaultVocabulary;
    expect(vocabulary('child-protection-conference')).toBe('safety');
    expect(vocabulary('core-group-meeting')).toBe('safety');
    expect(vocabulary('family-network-meeting')).toBe('safety');
    expect(vocabulary('team-around-the-family')).toBe('wellbeing');
    expect(vocabulary('care-team-meeting')).toBe('wellbeing');
    expect(vocabulary('looked-after-review')).toBe('success');
    expect(vocabulary('young-persons-network-meeting')).toBe('success');
  });

  it.each(meetingTypeIds)('%s has plain words and a valid agenda, each step once', (id) => {
    const type = meetingTypes[id];
    for (const text of [type.name, type.service, type.purpose]) expect(text.trim()).not.toBe('');
    const agenda = defaultAgenda(id);
    expect(agenda.length).toBeGreaterThanOrEqual(5);
    for (const step of agenda) expect(agendaStepSchema.safeParse(step).success, step.id).toBe(true);
    expect(new Set(agenda.map((step) => step.id)).size).toBe(agenda.length);
    // Every meeting opens with why we are here and ends by agreeing what happens next.
    expect(agenda[0]?.kind).toBe('purpose');
    expect(agenda.at(-2)?.kind).toBe('agreement');
    expect(agenda.at(-1)?.kind).toBe('nextSteps');
  });

  it('[MEET1]-[MEET5] has the handbook’s conference, core group, review, hub and child in need agendas', () => {
    const kinds = (id: keyof typeof meetingTypes) => defaultAgenda(id).map((step) => step.id);
    for (const conference of ['child-protection-conference', 'review-child-protection-conference'] as const) {
      expect(kinds(conference)).toEqual(
        expect.arrayContaining(['childs-voice', 'testing-the-plan', 'bottom-lines']),
      );
      expect(kinds(conference).indexOf('testing-the-plan')).toBeGreaterThan(
        kinds(conference).indexOf('plan-rules'),
      );
    }
    expect(meetingTypes['child-protection-conference'].name).toBe('Initial child protection conference');
    expect(kinds('review-child-protection-conference')).toContain('safety-journal');
    expect(kinds('core-group-meeting')).toContain('testing-the-plan');
    expect(kinds('review-family-network-meeting')[1]).toBe('worries-and-goals');
    expect(meetingTypes['hub-meeting'].defaultVocabulary).toBe('wellbeing');
    expect(kinds('hub-meeting')).toEqual(expect.arrayContaining(['worries-and-goals', 'plan-rules']));
    expect(meetingTypes['child-in-need-review'].defaultVocabulary).toBe('wellbeing');
    expect(kinds('child-in-need-review')).toEqual(
      expect.arrayContaining(['worries-and-goals', 'working-well', 'worries', 'needs-to-happen', 'scaling']),
    );
  });

  it("runs a Family Network Meeting in the primer's order", () => {
    expect(defaultAgenda('family-network-meeting').map((step) => step.kind)).toEqual([
      'purpose',
      'statementsAndGoals',
      'mapSection',
      'scaling',
      'plan',
      'testing',
      'bottomLines',
      'agreement',
      'nextSteps',
    ]);
  });

  it("gives a meeting's own title to a shared step", () => {
    const steps = defaultAgenda('rapid-family-network-meeting');
    expect(steps.find((step) => step.id === 'worries')).toMatchObject({
      title: 'The worries right now',
      focus: { column: 'worries' },
    });
    expect(defaultAgenda('looked-after-review').map((step) => step.kind)).toContain('childsVoice');
    expect(defaultAgenda('review-family-network-meeting').map((step) => step.kind)).toContain(
      'safetyJournal',
    );
  });

  it('hands out a fresh agenda each time', () => {
    const first = defaultAgenda('care-team-meeting');
    first[0]!.title = 'Changed';
    expect(defaultAgenda('care-team-meeting')[0]!.title).toBe('Why we are here');
  });
});
