import { meetingTypes } from './meeting-types.ts';
import { meetingTypeIds, type MeetingTypeId } from './meeting-type-shape.ts';
import type { Timescale, TimescaleSpan } from './timescale.ts';

/**
 * What is due and overdue for a family, from the handbook's timescales (meeting-table.ts) and the
 * family's meetings [DUE2]. Pure: the caller gives today's date from the server's one clock.
 * Dates are `yyyy-mm-dd` calendar days; something due by a date is on time all that day.
 */
export interface DueMeeting {
  id: string;
  type: string;
  /** The meeting's planned or held date. */
  date: string;
  /** `preparing` is planned; any other state has been held (or is being held). */
  state: string;
}

export interface DueInput {
  /** The day the family came to Kinboard: the nearest record of the work being allocated. */
  familyAddedOn: string;
  meetings: readonly DueMeeting[];
  today: string;
}

export interface DueItem {
  meetingType: MeetingTypeId;
  kind: Timescale['kind'];
  /** The last day on time. */
  dueBy: string;
  status: 'due' | 'overdue';
  /** What the date is counted from: the family being added, the last meeting held, or the meeting itself. */
  countedFrom: { what: 'family-added' | 'last-meeting' | 'the-meeting'; date: string };
  /** A planned meeting this is about, or that will meet it. */
  planned?: { meetingId: string; date: string } | undefined;
  span: TimescaleSpan;
  /** The handbook's own words. */
  handbook: string;
}

const held = (meeting: DueMeeting) => meeting.state !== 'preparing';

export function dueItems({ familyAddedOn, meetings, today }: DueInput): DueItem[] {
  const items: DueItem[] = [];
  for (const type of meetingTypeIds) {
    const ofType = meetings.filter((meeting) => meeting.type === type);
    const planned = ofType.filter((meeting) => !held(meeting)).sort(byDate);
    const last = ofType.filter(held).sort(byDate).at(-1);
    for (const timescale of meetingTypes[type].timescales ?? []) {
      const item = (dueBy: string, countedFrom: DueItem['countedFrom'], plan?: DueMeeting): DueItem => ({
        meetingType: type,
        kind: timescale.kind,
        dueBy,
        status: today > dueBy ? 'overdue' : 'due',
        countedFrom,
        planned: plan && { meetingId: plan.id, date: plan.date },
        span: timescale.kind === 'before' ? timescale.ahead : timescale.within,
        handbook: timescale.handbook,
      });
      // The first meeting of its type, once the worker plans one: done when one has been held.
      if (timescale.kind === 'first' && !last && planned[0])
        items.push(
          item(
            addSpan(familyAddedOn, timescale.within),
            { what: 'family-added', date: familyAddedOn },
            planned[0],
          ),
        );
      // Again at least every span after the last one held.
      if (timescale.kind === 'every' && last)
        items.push(
          item(
            addSpan(last.date, timescale.within),
            { what: 'last-meeting', date: last.date },
            planned.find((meeting) => meeting.date > last.date),
          ),
        );
      // Ahead of each planned meeting, until it is held.
      if (timescale.kind === 'before')
        for (const meeting of planned)
          items.push(
            item(
              addSpan(meeting.date, { ...timescale.ahead, count: -timescale.ahead.count }),
              { what: 'the-meeting', date: meeting.date },
              meeting,
            ),
          );
    }
  }
  return items.sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : 0));
}

const byDate = (a: DueMeeting, b: DueMeeting) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * A date moved by a span (backwards for a negative count). Working days skip Saturdays and
 * Sundays (bank holidays are not known here); a month later is the same day of the month, or the
 * month's last day when it has fewer (31 January + 1 month = 28 or 29 February).
 */
export function addSpan(date: string, span: TimescaleSpan): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (span.unit === 'months') {
    const target = new Date(Date.UTC(year, month - 1 + span.count, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(day, lastDay));
    return iso(target);
  }
  const at = new Date(Date.UTC(year, month - 1, day));
  if (span.unit === 'days') {
    at.setUTCDate(at.getUTCDate() + span.count);
    return iso(at);
  }
  const step = span.count < 0 ? -1 : 1;
  for (let left = Math.abs(span.count); left > 0;) {
    at.setUTCDate(at.getUTCDate() + step);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return iso(at);
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Today's calendar date for a time on the server's clock, in UTC [DUE3]. */
export const dateOfTime = (ms: number): string => iso(new Date(ms));
