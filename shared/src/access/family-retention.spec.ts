import { describe, expect, it } from 'vitest';
import { familyRetention, lastMeetingDate } from './family-retention.ts';

describe('[RETAIN3] a family record is due for review a set number of years after its last meeting', () => {
  const now = Date.UTC(2030, 5, 15);

  it('counts from the last meeting, or from when the family was added when it has none', () => {
    expect(familyRetention('2026-03-01', 0, 25, now)).toEqual({
      keptUntil: '2051-03-01',
      years: 25,
      due: false,
    });
    expect(familyRetention(undefined, Date.UTC(2024, 0, 31), 6, now).keptUntil).toBe('2030-01-31');
    expect(familyRetention('2028-02-29', 0, 1, now).keptUntil).toBe('2029-03-01');
  });

  it('is due only once the last kept day has passed', () => {
    expect(familyRetention('2025-06-15', 0, 5, now).due).toBe(false);
    expect(familyRetention('2025-06-14', 0, 5, now).due).toBe(true);
  });

  it('takes the latest meeting date, whatever the order', () => {
    expect(lastMeetingDate([{ date: '2026-01-02' }, { date: '2027-05-01' }, { date: '2026-12-31' }])).toBe(
      '2027-05-01',
    );
    expect(lastMeetingDate([])).toBeUndefined();
  });
});
