import type { StoreContext } from '../store-context.ts';
import { eraseCopiesOfFamily } from './copies.ts';
import { eraseDocumentsOfFamily } from './documents.ts';
import { eraseDrawingsOfFamily } from './drawings.ts';
import { eraseFamilyRows } from './families.ts';
import { eraseGuestsOfFamily } from './guests.ts';
import { eraseHistoryOfFamily } from './history.ts';
import { eraseLiveStatesOfFamily } from './live-state.ts';
import { eraseMeetingsOfFamily } from './meetings.ts';
import { erasePassesOfFamily } from './network-passes.ts';
import { erasePlansOfFamily } from './plan.ts';
import { eraseJournalOfFamily } from './safety-journal.ts';
import { eraseScalingOfFamily } from './scaling.ts';
import { eraseDraftsSharesOfFamily } from './drafts-shares.ts';
import { eraseViewsBeforeOfFamily } from './views-before.ts';

export type FamilyErasureResult = 'erased' | 'not-found' | 'meeting-open';

/** Erasing a family: every repository deletes its own rows, in one transaction [ERASE2]. */
export interface ErasureRecords {
  /**
   * Deletes everything held about the family, unless one of its meetings is open. The audit
   * entries stay (the log is append-only); what they hold about the family is readable only
   * with the family's key, which goes with it.
   */
  eraseFamily(familyId: string): Promise<FamilyErasureResult>;
}

/** Meeting states in which people are still in the meeting [ERASE4]. */
const runningStates = ['open', 'agreed'] as const;

export function erasureRecords({ db, dialect }: StoreContext): ErasureRecords {
  return {
    async eraseFamily(familyId) {
      const result = await db.transaction().execute(async (trx): Promise<FamilyErasureResult> => {
        const family = await dialect
          .forUpdate(trx.selectFrom('family').select('id').where('id', '=', familyId))
          .executeTakeFirst();
        if (!family) return 'not-found';
        const meetings = await dialect
          .forUpdate(trx.selectFrom('meeting').select(['id', 'state']).where('family_id', '=', familyId))
          .execute();
        if (meetings.some((meeting) => (runningStates as readonly string[]).includes(meeting.state)))
          return 'meeting-open';
        const scope = { familyId, meetingIds: meetings.map((meeting) => meeting.id) };
        // Lets the delete guards of agreed plans and revealed rounds through, for this
        // transaction only: the row is gone again before it commits [ERASE3].
        await trx.insertInto('erasure_in_progress').values({ family_id: familyId }).execute();
        // Copies first: their rows name the meetings deleted below.
        await eraseCopiesOfFamily(trx, scope);
        if (scope.meetingIds.length > 0) {
          await eraseDocumentsOfFamily(trx, scope);
          await eraseHistoryOfFamily(trx, scope);
          await eraseDrawingsOfFamily(trx, scope);
          await eraseLiveStatesOfFamily(trx, scope);
          await eraseScalingOfFamily(trx, scope);
          await erasePlansOfFamily(trx, scope);
          await eraseGuestsOfFamily(trx, scope);
          await eraseViewsBeforeOfFamily(trx, scope);
          await eraseDraftsSharesOfFamily(trx, scope);
          await eraseMeetingsOfFamily(trx, scope);
        }
        await eraseJournalOfFamily(trx, scope);
        await erasePassesOfFamily(trx, scope);
        await eraseFamilyRows(trx, scope);
        await trx.deleteFrom('erasure_in_progress').where('family_id', '=', familyId).execute();
        return 'erased';
      });
      if (result === 'erased') await dialect.afterErasure(db, erasedTables);
      return result;
    },
  };
}

/** Every table erasure deletes from, for the dialect's clean-up after it [ERASE6]. */
const erasedTables = [
  'copy_given',
  'document_update',
  'document_history',
  'client_owner',
  'drawing_image',
  'journal_reply',
  'journal_photo',
  'journal_entry',
  'network_pass',
  'meeting_live_state',
  'scaling_answer',
  'scaling_round',
  'plan_version_document',
  'plan_version',
  'plan_offer',
  'plan_answer',
  'plan_stage',
  'participant',
  'meeting',
  'family_access',
  'child',
  'network_member',
  'family',
  'view_before',
  'drafts_share',
  'erasure_in_progress',
] as const;
