import type { GuestRole } from '@kinboard/shared/access/index';
import type { Selectable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { Participant } from '../records.ts';

/** Guests who joined a meeting from a phone, and the chair's admissions [STORE11]. */
export interface GuestRecords {
  addParticipant(participant: Participant): Promise<void>;
  getParticipant(participantId: string): Promise<Participant | undefined>;
  /** A meeting's guests in the order they joined. */
  listParticipants(meetingId: string): Promise<Participant[]>;
  /** Admits a waiting (or refused) guest with a role; undefined for an unknown guest or one who left. */
  admitParticipant(
    participantId: string,
    role: GuestRole,
    by: string,
    at: number,
  ): Promise<Participant | undefined>;
  refuseParticipant(participantId: string, by: string, at: number): Promise<Participant | undefined>;
  /** Changes an admitted guest's role; undefined when they are not admitted. */
  changeParticipantRole(participantId: string, role: GuestRole): Promise<Participant | undefined>;
}

const toParticipant = (row: Selectable<Database['participant']>): Participant => ({
  id: row.id,
  meetingId: row.meeting_id,
  name: row.name,
  relationship: row.relationship,
  role: (row.role as GuestRole | null) ?? undefined,
  status: row.status,
  passHash: row.pass_hash,
  createdAt: row.created_at,
  admittedBy: row.admitted_by ?? undefined,
  admittedAt: row.admitted_at ?? undefined,
});

export function guestRecords({ db, dialect }: StoreContext): GuestRecords {
  // Each change to a guest is one UPDATE ... RETURNING: atomic by itself, no transaction needed.
  const change = (participantId: string) => db.updateTable('participant').where('id', '=', participantId);
  const changed = (row: Selectable<Database['participant']> | undefined) =>
    row ? toParticipant(row) : undefined;
  return {
    async addParticipant(participant) {
      await db
        .insertInto('participant')
        .values({
          id: participant.id,
          meeting_id: participant.meetingId,
          name: participant.name,
          relationship: participant.relationship,
          role: participant.role ?? null,
          status: participant.status,
          pass_hash: participant.passHash,
          created_at: participant.createdAt,
          admitted_by: participant.admittedBy ?? null,
          admitted_at: participant.admittedAt ?? null,
        })
        .execute();
    },

    async getParticipant(participantId) {
      return changed(
        await db.selectFrom('participant').selectAll().where('id', '=', participantId).executeTakeFirst(),
      );
    },

    async listParticipants(meetingId) {
      const rows = await db
        .selectFrom('participant')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('created_at')
        .orderBy(dialect.byCodePoint('id'))
        .execute();
      return rows.map(toParticipant);
    },

    async admitParticipant(participantId, role, by, at) {
      return changed(
        await change(participantId)
          .set({ status: 'admitted', role, admitted_by: by, admitted_at: at })
          .where('status', 'in', ['waiting', 'refused'])
          .returningAll()
          .executeTakeFirst(),
      );
    },

    async refuseParticipant(participantId, by, at) {
      return changed(
        await change(participantId)
          .set({ status: 'refused', role: null, admitted_by: by, admitted_at: at })
          .where('status', 'in', ['waiting', 'admitted'])
          .returningAll()
          .executeTakeFirst(),
      );
    },

    async changeParticipantRole(participantId, role) {
      return changed(
        await change(participantId)
          .set({ role })
          .where('status', '=', 'admitted')
          .returningAll()
          .executeTakeFirst(),
      );
    },
  };
}
