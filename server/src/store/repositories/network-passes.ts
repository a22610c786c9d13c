import type { PassKind } from '@kinboard/shared/passes/network-pass';
import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { ErasureScope, StoreContext } from '../store-context.ts';

/** A pass for the network between meetings [PASS1], as the store keeps it. */
export interface NetworkPass {
  id: string;
  familyId: string;
  kind: PassKind;
  /** What the pass is for beyond its family; a later kind's (a meeting's drafts) [PASS1]. */
  scope?: string | undefined;
  holderName: string;
  relationship: string;
  /** Whose part of the plan it shows (a person id of the plan). */
  personKey?: string | undefined;
  /** SHA-256 of the secret half of the link. */
  secretHash: string;
  createdAt: number;
  createdBy: string;
  endsAt: number;
  revokedAt?: number | undefined;
  revokedBy?: string | undefined;
  replacedBy?: string | undefined;
}

/** Passes for the network [PASS1]-[PASS5]. A pass is never deleted but with its family. */
export interface NetworkPassRecords {
  createPass(pass: NetworkPass): Promise<void>;
  getPass(passId: string): Promise<NetworkPass | undefined>;
  /** The family's passes, oldest first. */
  listPassesOfFamily(familyId: string): Promise<NetworkPass[]>;
  /** Revokes a pass not yet revoked; undefined when it is unknown, of another family or revoked. */
  revokePass(familyId: string, passId: string, at: number, by: string): Promise<NetworkPass | undefined>;
  /**
   * Revokes the pass and gives its holder a new one in one transaction [PASS4]; undefined
   * (nothing written) when the old pass is unknown, of another family or revoked already.
   */
  reissuePass(
    familyId: string,
    passId: string,
    next: NetworkPass,
    at: number,
  ): Promise<NetworkPass | undefined>;
}

type PassRow = Selectable<Database['network_pass']>;

const toPass = (row: PassRow): NetworkPass => ({
  id: row.id,
  familyId: row.family_id,
  kind: row.kind as PassKind,
  scope: row.scope ?? undefined,
  holderName: row.holder_name,
  relationship: row.relationship,
  personKey: row.person_key ?? undefined,
  secretHash: row.secret_hash,
  createdAt: Number(row.created_at),
  createdBy: row.created_by,
  endsAt: Number(row.ends_at),
  revokedAt: row.revoked_at === null ? undefined : Number(row.revoked_at),
  revokedBy: row.revoked_by ?? undefined,
  replacedBy: row.replaced_by ?? undefined,
});

const toRow = (pass: NetworkPass): PassRow => ({
  id: pass.id,
  family_id: pass.familyId,
  kind: pass.kind,
  scope: pass.scope ?? null,
  holder_name: pass.holderName,
  relationship: pass.relationship,
  person_key: pass.personKey ?? null,
  secret_hash: pass.secretHash,
  created_at: pass.createdAt,
  created_by: pass.createdBy,
  ends_at: pass.endsAt,
  revoked_at: pass.revokedAt ?? null,
  revoked_by: pass.revokedBy ?? null,
  replaced_by: pass.replacedBy ?? null,
});

async function revoke(
  db: Queryable,
  familyId: string,
  passId: string,
  at: number,
  by: string,
  replacedBy?: string,
): Promise<NetworkPass | undefined> {
  const row = await db
    .updateTable('network_pass')
    .set({ revoked_at: at, revoked_by: by, replaced_by: replacedBy ?? null })
    .where('id', '=', passId)
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toPass(row);
}

export function networkPassRecords({ db }: StoreContext): NetworkPassRecords {
  return {
    async createPass(pass) {
      await db.insertInto('network_pass').values(toRow(pass)).execute();
    },
    async getPass(passId) {
      const row = await db.selectFrom('network_pass').selectAll().where('id', '=', passId).executeTakeFirst();
      return row && toPass(row);
    },
    async listPassesOfFamily(familyId) {
      const rows = await db
        .selectFrom('network_pass')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPass);
    },
    revokePass: (familyId, passId, at, by) => revoke(db, familyId, passId, at, by),
    async reissuePass(familyId, passId, next, at) {
      return db.transaction().execute(async (trx) => {
        const old = await revoke(trx, familyId, passId, at, next.createdBy, next.id);
        if (!old) return undefined;
        await trx.insertInto('network_pass').values(toRow(next)).execute();
        return next;
      });
    },
  };
}

/** Erasure [ERASE2] [PASS12]: the family's passes, after its journal (which refers to them). */
export async function erasePassesOfFamily(trx: Queryable, { familyId }: ErasureScope): Promise<void> {
  await trx.deleteFrom('network_pass').where('family_id', '=', familyId).execute();
}
