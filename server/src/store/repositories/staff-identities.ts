import type { Queryable } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { Staff, StaffIdentity, StaffSession } from '../records.ts';
import { insertStaff, toStaff, toStaffSession } from './staff.ts';

/** Staff accounts as an identity provider knows them, and the sessions its logout ends [IDENT3] [IDENT6]. */
export interface StaffIdentityRecords {
  /** The account an (issuer, subject) signs in as; undefined when it never signed in. */
  findStaffByIdentity(issuer: string, subject: string): Promise<Staff | undefined>;
  /** Creates the account and its identity atomically; false (nothing written) if either exists. */
  createStaffWithIdentity(staff: Staff, identity: StaffIdentity): Promise<boolean>;
  /** Links an existing account; false if the (issuer, subject) is linked already or the account has another subject at that issuer. */
  linkStaffIdentity(identity: StaffIdentity): Promise<boolean>;
  /**
   * Ends the sessions a provider's logout names (OpenID Back-Channel Logout): those of its
   * session `sid`, or, with only a subject, every session of that subject's account started
   * through that issuer. Returns the sessions ended, so their connections can be closed.
   */
  endProviderSessions(
    issuer: string,
    match: { sessionId?: string | undefined; subject?: string | undefined },
  ): Promise<StaffSession[]>;
}

/** Inserts the identity unless its (issuer, subject), or the account at that issuer, is taken; 1 if inserted. */
async function insertIdentity(db: Queryable, identity: StaffIdentity): Promise<number> {
  const result = await db
    .insertInto('staff_identity')
    .values({
      issuer: identity.issuer,
      subject: identity.subject,
      staff_id: identity.staffId,
      created_at: identity.createdAt,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function staffIdentityRecords({ db, dialect }: StoreContext): StaffIdentityRecords {
  return {
    async findStaffByIdentity(issuer, subject) {
      const row = await db
        .selectFrom('staff_identity')
        .innerJoin('staff', 'staff.id', 'staff_identity.staff_id')
        .selectAll('staff')
        .where('staff_identity.issuer', '=', issuer)
        .where('staff_identity.subject', '=', subject)
        .executeTakeFirst();
      return row ? toStaff(row) : undefined;
    },

    async createStaffWithIdentity(staff, identity) {
      return db.transaction().execute(async (trx) => {
        if ((await insertStaff(trx, dialect, staff, { unlessEmailTaken: true })) === 0) return false;
        if ((await insertIdentity(trx, identity)) === 1) return true;
        // The identity was linked meanwhile: the account made for it goes too.
        await trx.deleteFrom('staff').where('id', '=', staff.id).execute();
        return false;
      });
    },

    async linkStaffIdentity(identity) {
      return (await insertIdentity(db, identity)) === 1;
    },

    async endProviderSessions(issuer, match) {
      if (match.sessionId === undefined && match.subject === undefined) return [];
      return db.transaction().execute(async (trx) => {
        // A logout token's sid, when it has one, names exactly the provider session; its sub
        // alone means every session of that account through this provider.
        let chosen = trx.selectFrom('staff_session').selectAll().where('provider_issuer', '=', issuer);
        if (match.sessionId !== undefined) chosen = chosen.where('provider_session_id', '=', match.sessionId);
        else
          chosen = chosen.where('staff_id', 'in', (eb) =>
            eb
              .selectFrom('staff_identity')
              .select('staff_id')
              .where('issuer', '=', issuer)
              .where('subject', '=', match.subject!),
          );
        const rows = await chosen.execute();
        if (rows.length > 0)
          await trx
            .deleteFrom('staff_session')
            .where(
              'id',
              'in',
              rows.map((row) => row.id),
            )
            .execute();
        return rows.map(toStaffSession);
      });
    },
  };
}
