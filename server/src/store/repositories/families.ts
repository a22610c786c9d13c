import type { Selectable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { Family, FamilyDetails } from '../records.ts';

/** Families, their children and network, and which staff may see them [STORE9]. */
export interface FamilyRecords {
  getFamily(familyId: string): Promise<Family | undefined>;
  /** Creates the family, its children and network, and gives the creator access, atomically. */
  createFamily(details: FamilyDetails, creatorStaffId: string): Promise<void>;
  getFamilyDetails(familyId: string): Promise<FamilyDetails | undefined>;
  grantFamilyAccess(familyId: string, staffId: string, at: number): Promise<void>;
  hasFamilyAccess(staffId: string, familyId: string): Promise<boolean>;
  /** The families a staff member was given access to, by name. */
  listFamiliesOf(staffId: string): Promise<Family[]>;
}

const toFamily = (row: Selectable<Database['family']>): Family => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

export function familyRecords({ db, dialect }: StoreContext): FamilyRecords {
  return {
    async getFamily(familyId) {
      const row = await db.selectFrom('family').selectAll().where('id', '=', familyId).executeTakeFirst();
      return row ? toFamily(row) : undefined;
    },

    async createFamily({ family, children, network }, creatorStaffId) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('family')
          .values({ id: family.id, name: family.name, created_at: family.createdAt })
          .execute();
        if (children.length > 0)
          await trx
            .insertInto('child')
            .values(
              children.map((child, position) => ({
                id: child.id,
                family_id: family.id,
                position,
                name: child.name,
                born_on: child.bornOn ?? null,
              })),
            )
            .execute();
        if (network.length > 0)
          await trx
            .insertInto('network_member')
            .values(
              network.map((member, position) => ({
                id: member.id,
                family_id: family.id,
                position,
                name: member.name,
                relationship: member.relationship,
                contact: member.contact ?? null,
              })),
            )
            .execute();
        await trx
          .insertInto('family_access')
          .values({ family_id: family.id, staff_id: creatorStaffId, granted_at: family.createdAt })
          .execute();
      });
    },

    async getFamilyDetails(familyId) {
      const family = await db.selectFrom('family').selectAll().where('id', '=', familyId).executeTakeFirst();
      if (!family) return undefined;
      const children = await db
        .selectFrom('child')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('position')
        .execute();
      const network = await db
        .selectFrom('network_member')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('position')
        .execute();
      return {
        family: toFamily(family),
        children: children.map((row) => ({
          id: row.id,
          familyId: row.family_id,
          name: row.name,
          bornOn: row.born_on ?? undefined,
        })),
        network: network.map((row) => ({
          id: row.id,
          familyId: row.family_id,
          name: row.name,
          relationship: row.relationship,
          contact: row.contact ?? undefined,
        })),
      };
    },

    async grantFamilyAccess(familyId, staffId, at) {
      await db
        .insertInto('family_access')
        .values({ family_id: familyId, staff_id: staffId, granted_at: at })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    },

    async hasFamilyAccess(staffId, familyId) {
      const row = await db
        .selectFrom('family_access')
        .select('family_id')
        .where('staff_id', '=', staffId)
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async listFamiliesOf(staffId) {
      const rows = await db
        .selectFrom('family')
        .innerJoin('family_access', 'family_access.family_id', 'family.id')
        .selectAll('family')
        .where('family_access.staff_id', '=', staffId)
        .orderBy(dialect.byCodePoint('family.name'))
        .orderBy(dialect.byCodePoint('family.id'))
        .execute();
      return rows.map(toFamily);
    },
  };
}
