/**
 * How long a family's record is kept before someone must review it [RETAIN3]: a set number of
 * years after its last meeting (or after it was added, with no meeting yet). Kinboard never
 * deletes a family by itself; past this date an administrator reviews it and decides.
 */
export interface FamilyRetention {
  /** The last day of the retention period, `YYYY-MM-DD`. */
  keptUntil: string;
  years: number;
  /** True once `keptUntil` has passed: the family is on the administrators' review list. */
  due: boolean;
}

export function familyRetention(
  lastMeetingDate: string | undefined,
  familyCreatedAt: number,
  years: number,
  now: number,
): FamilyRetention {
  const from = lastMeetingDate ?? new Date(familyCreatedAt).toISOString().slice(0, 10);
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  // 29 February moves to 1 March in a year without one, as Date does.
  const keptUntil = new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
  return { keptUntil, years, due: keptUntil < new Date(now).toISOString().slice(0, 10) };
}

/** The latest of a family's meeting dates (`YYYY-MM-DD` sorts as text). */
export function lastMeetingDate(meetings: readonly { date: string }[]): string | undefined {
  return meetings.reduce<string | undefined>(
    (latest, { date }) => (!latest || date > latest ? date : latest),
    undefined,
  );
}
