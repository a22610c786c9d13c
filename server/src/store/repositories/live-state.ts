import type { StoreContext } from '../store-context.ts';
import type { StoredMeetingLiveState } from '../records.ts';

/** The chair's live meeting state: focus, follow, locks, timer [STORE17]. */
export interface LiveStateRecords {
  /** The state last saved for the meeting; undefined if the chair never changed it. */
  getMeetingLiveState(meetingId: string): Promise<StoredMeetingLiveState | undefined>;
  /** Replaces the meeting's saved state (one row a meeting, written on every chair change). */
  saveMeetingLiveState(state: StoredMeetingLiveState): Promise<void>;
}

export function liveStateRecords({ db }: StoreContext): LiveStateRecords {
  return {
    async getMeetingLiveState(meetingId) {
      const row = await db
        .selectFrom('meeting_live_state')
        .select('state')
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      // Read and written whole; its shape is checked by its schema where it is used.
      return row ? (JSON.parse(row.state) as StoredMeetingLiveState) : undefined;
    },

    async saveMeetingLiveState(state) {
      await db
        .insertInto('meeting_live_state')
        .values({ meeting_id: state.meetingId, state: JSON.stringify(state), updated_at: Date.now() })
        .onConflict((conflict) =>
          conflict.column('meeting_id').doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
  };
}
