import { describe, expect, it } from 'vitest';
import { addSpan, dateOfTime, dueItems, type DueMeeting } from './due-dates.ts';
import { meetingTypes } from './meeting-types.ts';

const meeting = (id: string, type: string, date: string, state = 'preparing'): DueMeeting => ({
  id,
  type,
  date,
  state,
});

describe('[DUE1] the handbook’s timescales, as data on the meeting types', () => {
  it('carries seed 001’s timescales with its own words', () => {
    expect(meetingTypes['team-around-the-family'].timescales).toEqual([
      expect.objectContaining({ kind: 'first', within: { count: 6, unit: 'days' } }),
    ]);
    expect(meetingTypes['team-around-the-family'].timescales?.[0]?.handbook).toContain(
      'a TAF meeting will be arranged within 6 days of it being allocated to a family worker',
    );
    expect(meetingTypes['family-network-meeting'].timescales?.[0]).toMatchObject({
      kind: 'first',
      within: { count: 10, unit: 'days' },
    });
    expect(meetingTypes['family-network-meeting'].timescales?.[0]?.handbook).toContain(
      'within 10 days of an assessment being started',
    );
    expect(meetingTypes['child-in-need-review'].timescales?.[0]).toMatchObject({
      kind: 'every',
      within: { count: 3, unit: 'months' },
    });
    expect(meetingTypes['child-protection-conference'].timescales?.[0]).toMatchObject({
      kind: 'before',
      ahead: { count: 3, unit: 'days' },
      task: 'share-reports',
    });
    expect(meetingTypes['child-protection-conference'].timescales?.[0]?.handbook).toContain(
      'Reports will be shared with the family 3 days before the conference',
    );
    // Meetings the handbook gives no timescale have none.
    expect(meetingTypes['core-group-meeting'].timescales).toBeUndefined();
  });
});

describe('[DUE2] addSpan', () => {
  it('counts calendar days, either way, across months and years', () => {
    expect(addSpan('2026-12-28', { count: 6, unit: 'days' })).toBe('2027-01-03');
    expect(addSpan('2027-01-02', { count: -3, unit: 'days' })).toBe('2026-12-30');
  });

  it('counts working days Monday to Friday, skipping the weekend', () => {
    // Friday 4 December 2026 + 1 working day is Monday the 7th; + 6 is Monday the 14th.
    expect(addSpan('2026-12-04', { count: 1, unit: 'working-days' })).toBe('2026-12-07');
    expect(addSpan('2026-12-04', { count: 6, unit: 'working-days' })).toBe('2026-12-14');
    // From a Saturday, the first working day is the Monday.
    expect(addSpan('2026-12-05', { count: 1, unit: 'working-days' })).toBe('2026-12-07');
    // Three working days before Tuesday 15 December is Thursday the 10th.
    expect(addSpan('2026-12-15', { count: -3, unit: 'working-days' })).toBe('2026-12-10');
  });

  it('counts months to the same day, or the month’s last day', () => {
    expect(addSpan('2026-12-02', { count: 3, unit: 'months' })).toBe('2027-03-02');
    expect(addSpan('2026-11-30', { count: 3, unit: 'months' })).toBe('2027-02-28');
    expect(addSpan('2027-11-30', { count: 3, unit: 'months' })).toBe('2028-02-29');
  });

  it('reads the server clock’s time as a UTC date', () => {
    expect(dateOfTime(Date.UTC(2026, 11, 4, 23, 59))).toBe('2026-12-04');
  });
});

describe('[DUE2] what is due and overdue for a family', () => {
  const familyAddedOn = '2026-12-01';

  it('a planned first Team Around the Family meeting is due 6 days after the family came, then overdue', () => {
    const meetings = [meeting('taf', 'team-around-the-family', '2026-12-10')];
    const due = dueItems({ familyAddedOn, meetings, today: '2026-12-07' });
    expect(due).toEqual([
      expect.objectContaining({
        meetingType: 'team-around-the-family',
        kind: 'first',
        dueBy: '2026-12-07',
        status: 'due',
        countedFrom: { what: 'family-added', date: '2026-12-01' },
        planned: { meetingId: 'taf', date: '2026-12-10' },
      }),
    ]);
    expect(dueItems({ familyAddedOn, meetings, today: '2026-12-08' })[0]?.status).toBe('overdue');
    // Held: nothing more is due for it.
    const heldMeeting = [meeting('taf', 'team-around-the-family', '2026-12-10', 'closed')];
    expect(dueItems({ familyAddedOn, meetings: heldMeeting, today: '2026-12-20' })).toEqual([]);
  });

  it('a Family Network Meeting is due within 10 days', () => {
    const due = dueItems({
      familyAddedOn,
      meetings: [meeting('fnm', 'family-network-meeting', '2026-12-09')],
      today: '2026-12-02',
    });
    expect(due.map((item) => [item.meetingType, item.dueBy, item.status])).toEqual([
      ['family-network-meeting', '2026-12-11', 'due'],
    ]);
  });

  it('a Child in Need review is due at least every 3 months after the last one held', () => {
    const meetings = [
      meeting('r1', 'child-in-need-review', '2026-06-01', 'closed'),
      meeting('r2', 'child-in-need-review', '2026-09-15', 'closed'),
      meeting('r3', 'child-in-need-review', '2026-12-10'),
    ];
    const [item] = dueItems({ familyAddedOn: '2026-05-01', meetings, today: '2026-12-04' });
    expect(item).toMatchObject({
      kind: 'every',
      dueBy: '2026-12-15',
      status: 'due',
      countedFrom: { what: 'last-meeting', date: '2026-09-15' },
      planned: { meetingId: 'r3', date: '2026-12-10' },
    });
    expect(dueItems({ familyAddedOn, meetings, today: '2026-12-16' })[0]?.status).toBe('overdue');
  });

  it('the reports for a planned conference are due 3 days before it, until it is held', () => {
    const meetings = [meeting('icpc', 'child-protection-conference', '2026-12-18')];
    expect(dueItems({ familyAddedOn, meetings, today: '2026-12-15' })).toEqual([
      expect.objectContaining({
        kind: 'before',
        dueBy: '2026-12-15',
        status: 'due',
        countedFrom: { what: 'the-meeting', date: '2026-12-18' },
      }),
    ]);
    expect(dueItems({ familyAddedOn, meetings, today: '2026-12-16' })[0]?.status).toBe('overdue');
    const heldMeeting = [meeting('icpc', 'child-protection-conference', '2026-12-18', 'agreed')];
    expect(dueItems({ familyAddedOn, meetings: heldMeeting, today: '2026-12-20' })).toEqual([]);
  });

  it('lists a family’s items soonest first, and nothing for meetings without a timescale', () => {
    const meetings = [
      meeting('icpc', 'child-protection-conference', '2026-12-30'),
      meeting('fnm', 'family-network-meeting', '2026-12-05'),
      meeting('core', 'core-group-meeting', '2026-12-06'),
    ];
    expect(dueItems({ familyAddedOn, meetings, today: '2026-12-02' }).map((item) => item.dueBy)).toEqual([
      '2026-12-11',
      '2026-12-27',
    ]);
  });
});
