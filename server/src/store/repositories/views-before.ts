import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { ViewBeforeRecord } from '../records.ts';
import type { ErasureScope, StoreContext } from '../store-context.ts';

export type SaveViewBeforeResult = 'saved' | 'too-many-from-sender' | 'too-many-for-meeting' | 'not-found';

/** Views sent before the meeting by people who cannot come [PRIOR1]-[PRIOR3]. */
export interface ViewBeforeRecords {
  /**
   * Keeps a view, unless its sender has sent `limits.perSender` for the meeting already, or the
   * meeting holds `limits.perMeeting` [PRIOR2]. Counted under the meeting's row lock, so views
   * sent at once through several servers cannot pass the limits.
   */
  saveViewBefore(
    view: ViewBeforeRecord,
    limits: { perSender: number; perMeeting: number },
  ): Promise<SaveViewBeforeResult>;
  /** The meeting's views in the order they were sent. */
  listViewsBefore(meetingId: string): Promise<ViewBeforeRecord[]>;
  getViewBefore(viewId: string): Promise<ViewBeforeRecord | undefined>;
  /**
   * Marks a view brought into the meeting, once: undefined when it is unknown or was brought in
   * already (so two chairs pressing at once bring it in once) [PRIOR3].
   */
  markViewBroughtIn(viewId: string, by: string, at: number): Promise<ViewBeforeRecord | undefined>;
}

type ViewRow = Selectable<Database['view_before']>;

const toView = (row: ViewRow): ViewBeforeRecord => ({
  id: row.id,
  meetingId: row.meeting_id,
  senderKey: row.sender_key,
  name: row.name,
  relationship: row.relationship,
  worries: row.worries,
  workingWell: row.working_well,
  offers: row.offers,
  scaling: JSON.parse(row.scaling) as ViewBeforeRecord['scaling'],
  sentAt: Number(row.sent_at),
  broughtInAt: row.brought_in_at === null ? undefined : Number(row.brought_in_at),
  broughtInBy: row.brought_in_by ?? undefined,
});

export function viewBeforeRecords({ db, dialect }: StoreContext): ViewBeforeRecords {
  return {
    async saveViewBefore(view, limits) {
      return db.transaction().execute(async (trx): Promise<SaveViewBeforeResult> => {
        const meeting = await dialect
          .forUpdate(trx.selectFrom('meeting').select('id').where('id', '=', view.meetingId))
          .executeTakeFirst();
        if (!meeting) return 'not-found';
        const counts = await trx
          .selectFrom('view_before')
          .select((eb) => [
            eb.fn.countAll<number | string>().as('all'),
            eb.fn
              .sum<number | string | null>(
                eb.case().when('sender_key', '=', view.senderKey).then(1).else(0).end(),
              )
              .as('mine'),
          ])
          .where('meeting_id', '=', view.meetingId)
          .executeTakeFirstOrThrow();
        if (Number(counts.mine ?? 0) >= limits.perSender) return 'too-many-from-sender';
        if (Number(counts.all) >= limits.perMeeting) return 'too-many-for-meeting';
        await trx
          .insertInto('view_before')
          .values({
            id: view.id,
            meeting_id: view.meetingId,
            sender_key: view.senderKey,
            name: view.name,
            relationship: view.relationship,
            worries: view.worries,
            working_well: view.workingWell,
            offers: view.offers,
            scaling: JSON.stringify(view.scaling),
            sent_at: view.sentAt,
            brought_in_at: null,
            brought_in_by: null,
          })
          .execute();
        return 'saved';
      });
    },

    async listViewsBefore(meetingId) {
      const rows = await db
        .selectFrom('view_before')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('sent_at')
        .orderBy(dialect.insertionOrder('view_before'))
        .execute();
      return rows.map(toView);
    },

    async getViewBefore(viewId) {
      const row = await db.selectFrom('view_before').selectAll().where('id', '=', viewId).executeTakeFirst();
      return row ? toView(row) : undefined;
    },

    async markViewBroughtIn(viewId, by, at) {
      const row = await db
        .updateTable('view_before')
        .set({ brought_in_at: at, brought_in_by: by })
        .where('id', '=', viewId)
        .where('brought_in_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toView(row) : undefined;
    },
  };
}

/** Erasure [ERASE2]: the views sent before the family's meetings. */
export async function eraseViewsBeforeOfFamily(trx: Queryable, { meetingIds }: ErasureScope): Promise<void> {
  await trx.deleteFrom('view_before').where('meeting_id', 'in', meetingIds).execute();
}
