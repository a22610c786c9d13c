import type { Queryable } from '../database.ts';
import type { DraftsShareRecord } from '../records.ts';
import type { ErasureScope, StoreContext } from '../store-context.ts';

/** From when each meeting's drafts are shared with the family [DRAFT2]. */
export interface DraftsShareRecords {
  /** Sets (or, with `shareFrom` null, removes) the time the meeting's drafts are shared from. */
  setDraftsShare(meetingId: string, share: Omit<DraftsShareRecord, 'meetingId'> | null): Promise<void>;
  getDraftsShare(meetingId: string): Promise<DraftsShareRecord | undefined>;
}

export function draftsShareRecords({ db }: StoreContext): DraftsShareRecords {
  return {
    async setDraftsShare(meetingId, share) {
      if (share === null) {
        await db.deleteFrom('drafts_share').where('meeting_id', '=', meetingId).execute();
        return;
      }
      await db
        .insertInto('drafts_share')
        .values({
          meeting_id: meetingId,
          share_from: share.shareFrom,
          set_by: share.setBy,
          set_at: share.setAt,
        })
        .onConflict((conflict) =>
          conflict.column('meeting_id').doUpdateSet((eb) => ({
            share_from: eb.ref('excluded.share_from'),
            set_by: eb.ref('excluded.set_by'),
            set_at: eb.ref('excluded.set_at'),
          })),
        )
        .execute();
    },

    async getDraftsShare(meetingId) {
      const row = await db
        .selectFrom('drafts_share')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      return row
        ? {
            meetingId: row.meeting_id,
            shareFrom: Number(row.share_from),
            setBy: row.set_by,
            setAt: Number(row.set_at),
          }
        : undefined;
    },
  };
}

/** Erasure [ERASE2]: when the family's meetings' drafts were shared. */
export async function eraseDraftsSharesOfFamily(trx: Queryable, { meetingIds }: ErasureScope): Promise<void> {
  await trx.deleteFrom('drafts_share').where('meeting_id', 'in', meetingIds).execute();
}
