import { copyKinds, copyMethods, type CopyKind, type CopyMethod } from '@kinboard/shared/access/copies';
import type { Queryable } from '../database.ts';
import type { CopyGivenRecord } from '../records.ts';
import type { ErasureScope, StoreContext } from '../store-context.ts';

/** Copies given [COPY6]: one row per file given to one person, written once, never changed. */
export interface CopyRecords {
  recordCopyGiven(copy: CopyGivenRecord): Promise<void>;
  /** The family's copies, oldest first (the family's plan before a part given with it). */
  listCopiesOfFamily(familyId: string): Promise<CopyGivenRecord[]>;
}

const isKind = (value: string): value is CopyKind => (copyKinds as readonly string[]).includes(value);
const isMethod = (value: string): value is CopyMethod => (copyMethods as readonly string[]).includes(value);

export function copyRecords({ db }: StoreContext): CopyRecords {
  return {
    async recordCopyGiven(copy) {
      await db
        .insertInto('copy_given')
        .values({
          id: copy.id,
          family_id: copy.familyId,
          meeting_id: copy.meetingId,
          version: copy.version,
          what: copy.what,
          person_key: copy.personKey,
          recipient_name: copy.recipientName,
          method: copy.method,
          address: copy.address,
          staff_id: copy.staffId,
          participant_key: copy.participantKey,
          given_at: copy.givenAt,
        })
        .execute();
    },

    async listCopiesOfFamily(familyId) {
      const rows = await db
        .selectFrom('copy_given')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('given_at')
        // Copies sent together share a time: the family's plan before a part.
        .orderBy('what')
        .orderBy('id')
        .execute();
      return rows.flatMap((row): CopyGivenRecord[] => {
        // A kind or method this version does not know is left out rather than misread.
        if (!isKind(row.what) || !isMethod(row.method)) return [];
        return [
          {
            id: row.id,
            familyId: row.family_id,
            meetingId: row.meeting_id,
            version: Number(row.version),
            what: row.what,
            personKey: row.person_key,
            recipientName: row.recipient_name,
            method: row.method,
            address: row.address,
            staffId: row.staff_id,
            participantKey: row.participant_key,
            givenAt: row.given_at,
          },
        ];
      });
    },
  };
}

/** Erasure [ERASE2]: every copy given of the family's plans, with the names and addresses. */
export async function eraseCopiesOfFamily(trx: Queryable, { familyId }: ErasureScope): Promise<void> {
  await trx.deleteFrom('copy_given').where('family_id', '=', familyId).execute();
}
