import type { Selectable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { Meeting, NewMeeting, OpenMeetingResult } from '../records.ts';
import { insertUpdates } from './documents.ts';

/** Meetings: made with their first document content, opened with a join code, closed. */
export interface MeetingRecords {
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  listMeetings(): Promise<Meeting[]>;
  /** Creates a family (if new), a meeting and its first document content, atomically. */
  createMeeting(newMeeting: NewMeeting): Promise<void>;
  listMeetingsOfFamily(familyId: string): Promise<Meeting[]>;

  // Opening and closing meetings [STORE10]
  /**
   * Opens a preparing meeting with the join code; an open (or agreed) meeting keeps the code it
   * has, or takes this one if it has none. `code-taken` when another open meeting holds it.
   */
  openMeeting(meetingId: string, joinCode: string): Promise<OpenMeetingResult>;
  /** Closes the meeting: the code is cleared and every waiting or admitted guest has left. */
  closeMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** The open or agreed meeting that holds this code. */
  findMeetingByJoinCode(joinCode: string): Promise<Meeting | undefined>;
}

export const toMeeting = (row: Selectable<Database['meeting']>): Meeting => ({
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

export function meetingRecords({ db, dialect }: StoreContext): MeetingRecords {
  const newestFirst = () =>
    db
      .selectFrom('meeting')
      .selectAll()
      .orderBy(dialect.byCodePoint('date'), 'desc')
      .orderBy('created_at', 'desc');
  return {
    async getMeeting(meetingId) {
      const row = await db.selectFrom('meeting').selectAll().where('id', '=', meetingId).executeTakeFirst();
      return row ? toMeeting(row) : undefined;
    },

    async listMeetings() {
      return (await newestFirst().execute()).map(toMeeting);
    },

    async createMeeting({ family, meeting, documents }) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('family')
          .values({ id: family.id, name: family.name, created_at: family.createdAt })
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute();
        await trx
          .insertInto('meeting')
          .values({
            id: meeting.id,
            family_id: meeting.familyId,
            type: meeting.type,
            title: meeting.title,
            date: meeting.date,
            state: meeting.state,
            created_at: meeting.createdAt,
            join_code: null,
            chair_staff_id: meeting.chairStaffId ?? null,
          })
          .execute();
        await insertUpdates(trx, documents, meeting.createdAt);
      });
    },

    async listMeetingsOfFamily(familyId) {
      return (await newestFirst().where('family_id', '=', familyId).execute()).map(toMeeting);
    },

    async openMeeting(meetingId, joinCode) {
      try {
        return await db.transaction().execute(async (trx): Promise<OpenMeetingResult> => {
          // The row lock makes two opens of one meeting take turns: the second keeps the first's code.
          const row = await dialect
            .forUpdate(trx.selectFrom('meeting').selectAll().where('id', '=', meetingId))
            .executeTakeFirst();
          if (!row) return { outcome: 'not-found' };
          if (row.state === 'closed') return { outcome: 'closed' };
          if (row.join_code !== null && row.state !== 'preparing')
            return { outcome: 'opened', meeting: toMeeting(row) };
          const holder = await trx
            .selectFrom('meeting')
            .select('id')
            .where('join_code', '=', joinCode)
            .executeTakeFirst();
          if (holder) return { outcome: 'code-taken' };
          const state = row.state === 'preparing' ? 'open' : row.state;
          const opened = await trx
            .updateTable('meeting')
            .set({ state, join_code: joinCode })
            .where('id', '=', meetingId)
            .returningAll()
            .executeTakeFirstOrThrow();
          return { outcome: 'opened', meeting: toMeeting(opened) };
        });
      } catch (error) {
        // Another meeting took the code between the check and the write (another server).
        if (dialect.isUniqueViolation(error, 'meeting_by_join_code')) return { outcome: 'code-taken' };
        throw error;
      }
    },

    async closeMeeting(meetingId) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('meeting')
          .set({ state: 'closed', join_code: null })
          .where('id', '=', meetingId)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await trx
          .updateTable('participant')
          .set({ status: 'left' })
          .where('meeting_id', '=', meetingId)
          .where('status', 'in', ['waiting', 'admitted'])
          .execute();
        return toMeeting(row);
      });
    },

    async findMeetingByJoinCode(joinCode) {
      const row = await db
        .selectFrom('meeting')
        .selectAll()
        .where('join_code', '=', joinCode)
        .where('state', 'in', ['open', 'agreed'])
        .executeTakeFirst();
      return row ? toMeeting(row) : undefined;
    },
  };
}
