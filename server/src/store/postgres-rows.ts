import type { Meeting } from './store.ts';
import type { StaffRow } from './sqlite-rows.ts';

/**
 * Rows as the PostgreSQL store reads them. Most tables come back in exactly the shape node:sqlite
 * gives (BIGINT is parsed to a number, see `int8AsNumber`), so postgres.ts converts them with
 * sqlite-rows.ts; only what differs is here.
 */

export interface PostgresStaffRow extends Omit<StaffRow, 'disabled'> {
  disabled: boolean;
}

export const toStaffRow = (row: PostgresStaffRow): StaffRow => ({ ...row, disabled: row.disabled ? 1 : 0 });

export interface MeetingRow {
  id: string;
  family_id: string;
  type: string;
  title: string;
  date: string;
  state: Meeting['state'];
  created_at: number;
  join_code: string | null;
  chair_staff_id: string | null;
}

// The same conversion as sqlite.ts's (which keeps its own private copy).
export const toMeeting = (row: MeetingRow): Meeting => ({
  id: row.id,
  familyId: row.family_id,
  type: row.type,
  title: row.title,
  date: row.date,
  state: row.state,
  createdAt: row.created_at,
  joinCode: row.join_code ?? undefined,
  chairStaffId: row.chair_staff_id ?? undefined,
});

/**
 * BIGINT (int8) columns hold millisecond times, ids and counts; the store's types want numbers.
 * The driver's default is a string (an int8 may exceed 2^53); every value Kinboard stores fits,
 * and one that did not would be refused here rather than silently rounded.
 */
export const int8AsNumber = {
  to: 20,
  from: [20],
  serialize: (value: number) => String(value),
  parse: (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`a stored BIGINT (${text}) is past 2^53`);
    return value;
  },
};
