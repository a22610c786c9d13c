import type { ErasureScope } from '../store-context.ts';
import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { Child, Family, FamilyDetails, NetworkMember } from '../records.ts';

/** Families, their children and network, and which staff may see them [STORE9]. */
export interface FamilyRecords {
  getFamily(familyId: string): Promise<Family | undefined>;
  /** Creates the family, its children and network, and gives the creator access, atomically. */
  createFamily(details: FamilyDetails, creatorStaffId: string): Promise<void>;
  getFamilyDetails(familyId: string): Promise<FamilyDetails | undefined>;
  grantFamilyAccess(familyId: string, staffId: string, at: number): Promise<void>;
  hasFamilyAccess(staffId: string, familyId: string): Promise<boolean>;
  /** The staff members given access to the family (whose connections its erasure closes). */
  listStaffOfFamily(familyId: string): Promise<string[]>;
  /** False when the staff member had no access to the family. */
  revokeFamilyAccess(familyId: string, staffId: string): Promise<boolean>;
  /** The families a staff member was given access to, by name. */
  listFamiliesOf(staffId: string): Promise<Family[]>;
  /** Every family, by name: for the administrators' retention review [RETAIN3]. */
  listFamilies(): Promise<Family[]>;
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
        await insertFamilyPeople(trx, family.id, children, network);
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

    async revokeFamilyAccess(familyId, staffId) {
      const result = await db
        .deleteFrom('family_access')
        .where('family_id', '=', familyId)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listStaffOfFamily(familyId) {
      const rows = await db
        .selectFrom('family_access')
        .select('staff_id')
        .where('family_id', '=', familyId)
        .execute();
      return rows.map((row) => row.staff_id);
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

    async listFamilies() {
      const rows = await db
        .selectFrom('family')
        .selectAll()
        .orderBy(dialect.byCodePoint('name'))
        .orderBy(dialect.byCodePoint('id'))
        .execute();
      return rows.map(toFamily);
    },
  };
}

/** A new family's children and network, in the order given (a new family and the demo seed). */
export async function insertFamilyPeople(
  db: Queryable,
  familyId: string,
  children: readonly Child[],
  network: readonly NetworkMember[],
): Promise<void> {
  if (children.length > 0)
    await db
      .insertInto('child')
      .values(
        children.map((child, position) => ({
          id: child.id,
          family_id: familyId,
          position,
          name: child.name,
          born_on: child.bornOn ?? null,
        })),
      )
      .execute();
  if (network.length > 0)
    await db
      .insertInto('network_member')
      .values(
        network.map((member, position) => ({
          id: member.id,
          family_id: familyId,
          position,
          name: member.name,
          relationship: member.relationship,
          contact: member.contact ?? null,
        })),
      )
      .execute();
}

/** Erasure [ERASE2]: who may see the family, its children, its network and the family itself. */
export async function eraseFamilyRows(trx: Queryable, { familyId }: ErasureScope): Promise<void> {
  for (const table of ['family_access', 'child', 'network_member'] as const)
    await trx.deleteFrom(table).where('family_id', '=', familyId).execute();
  await trx.deleteFrom('family').where('id', '=', familyId).execute();
}
