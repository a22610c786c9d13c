import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Staff, StaffSession } from '../records.ts';
import type { StaffRole } from '@kinboard/shared/access/index';

/** Staff accounts, the first administrator's setup token, and signed-in browsers. */
export interface StaffRecords {
  // Staff accounts and the first administrator [STORE7]
  countStaff(): Promise<number>;
  /**
   * Creates the first administrator, only while there is no staff account at all. With a setup
   * token hash, only if that token is stored and unexpired, and it is used up in the same
   * transaction. Returns false (and changes nothing) otherwise. The first administrator is given
   * every family that already exists (the seeded demo), which nobody could otherwise reach.
   */
  createFirstAdministrator(staff: Staff, setup?: { tokenHash: string; now: number }): Promise<boolean>;
  /** Stores a new one-time setup token; any earlier one stops working. */
  replaceSetupToken(tokenHash: string, createdAt: number, expiresAt: number): Promise<void>;
  /** False when the email is already taken. */
  createStaff(staff: Staff): Promise<boolean>;
  getStaff(staffId: string): Promise<Staff | undefined>;
  findStaffByEmail(email: string): Promise<Staff | undefined>;
  listStaff(): Promise<Staff[]>;
  /** Disabling also ends every session of the account, in the same transaction. */
  setStaffDisabled(staffId: string, disabled: boolean): Promise<Staff | undefined>;
  /** Changes the role; with `endSessions` every session of the account ends in the same transaction. */
  setStaffRole(staffId: string, role: StaffRole, endSessions: boolean): Promise<Staff | undefined>;
  /** A new password hash; every session of the account but `keepSessionId` ends with it. */
  setStaffPassword(staffId: string, passwordHash: string, keepSessionId: string | undefined): Promise<void>;

  // Staff sessions [STORE8]
  createStaffSession(session: StaffSession): Promise<void>;
  /** The session and its account; undefined when unknown (expiry is the caller's rule). */
  getStaffSession(sessionId: string): Promise<{ session: StaffSession; staff: Staff } | undefined>;
  touchStaffSession(sessionId: string, lastSeen: number, expiresAt: number): Promise<void>;
  deleteStaffSession(sessionId: string): Promise<void>;
  /** Forgets every session that expired (or reached its hard end) before `now`. */
  deleteExpiredStaffSessions(now: number): Promise<void>;
}

export const toStaff = (row: Selectable<Database['staff']>): Staff => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  // 0/1 on SQLite, a boolean on PostgreSQL.
  disabled: Boolean(row.disabled),
});

export const toStaffSession = (row: Selectable<Database['staff_session']>): StaffSession => ({
  id: row.id,
  staffId: row.staff_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastSeen: row.last_seen,
  ...(row.ends_at !== null ? { endsAt: Number(row.ends_at) } : {}),
  ...(row.provider_issuer !== null
    ? { provider: { issuer: row.provider_issuer, sessionId: row.provider_session_id ?? undefined } }
    : {}),
});

async function countStaffIn(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a staff account; with `unlessEmailTaken`, a taken email inserts nothing. Resolves to the rows inserted. */
export async function insertStaff(
  db: Queryable,
  dialect: StoreDialect,
  staff: Staff,
  options: { unlessEmailTaken?: boolean } = {},
): Promise<number> {
  const insert = db.insertInto('staff').values({
    id: staff.id,
    email: staff.email,
    name: staff.name,
    password_hash: staff.passwordHash,
    role: staff.role,
    created_at: staff.createdAt,
    disabled: dialect.flag(staff.disabled),
  });
  // The unique email decides, even between two servers at once; a taken id still fails loudly.
  const result = await (
    options.unlessEmailTaken ? insert.onConflict((conflict) => conflict.column('email').doNothing()) : insert
  ).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function staffRecords({ db, dialect }: StoreContext): StaffRecords {
  const byId = (staffId: string) =>
    db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  return {
    countStaff: () => countStaffIn(db),

    async createFirstAdministrator(staff, setup) {
      return db.transaction().execute(async (trx) => {
        // Two set-up requests at once must not both find no staff: one is let in at a time.
        await dialect.lockTable(trx, 'staff');
        if ((await countStaffIn(trx)) > 0) return false;
        if (setup) {
          const used = await trx
            .deleteFrom('setup_token')
            .where('id', '=', setup.tokenHash)
            .where('expires_at', '>', setup.now)
            .executeTakeFirst();
          if (Number(used.numDeletedRows) === 0) return false;
        }
        await insertStaff(trx, dialect, staff);
        await trx.deleteFrom('setup_token').execute();
        // Families that exist before any staff account were seeded (the demo): nobody else can see them.
        const families = await trx.selectFrom('family').select('id').execute();
        if (families.length > 0)
          await trx
            .insertInto('family_access')
            .values(
              families.map(({ id }) => ({ family_id: id, staff_id: staff.id, granted_at: staff.createdAt })),
            )
            .execute();
        return true;
      });
    },

    async replaceSetupToken(tokenHash, createdAt, expiresAt) {
      await db.transaction().execute(async (trx) => {
        // Two starts at once must still leave exactly one live token.
        await dialect.lockTable(trx, 'setup_token');
        await trx.deleteFrom('setup_token').execute();
        await trx
          .insertInto('setup_token')
          .values({ id: tokenHash, created_at: createdAt, expires_at: expiresAt })
          .execute();
      });
    },

    async createStaff(staff) {
      return (await insertStaff(db, dialect, staff, { unlessEmailTaken: true })) === 1;
    },

    async getStaff(staffId) {
      const row = await byId(staffId);
      return row ? toStaff(row) : undefined;
    },

    async findStaffByEmail(email) {
      const row = await db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
      return row ? toStaff(row) : undefined;
    },

    async listStaff() {
      const rows = await db
        .selectFrom('staff')
        .selectAll()
        .orderBy(dialect.byCodePoint('name'))
        .orderBy(dialect.byCodePoint('email'))
        .execute();
      return rows.map(toStaff);
    },

    async setStaffDisabled(staffId, disabled) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('staff')
          .set({ disabled: dialect.flag(disabled) })
          .where('id', '=', staffId)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        if (disabled) await trx.deleteFrom('staff_session').where('staff_id', '=', staffId).execute();
        return toStaff(row);
      });
    },

    async setStaffRole(staffId, role, endSessions) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('staff')
          .set({ role })
          .where('id', '=', staffId)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        if (endSessions) await trx.deleteFrom('staff_session').where('staff_id', '=', staffId).execute();
        return toStaff(row);
      });
    },

    async setStaffPassword(staffId, passwordHash, keepSessionId) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff')
          .set({ password_hash: passwordHash })
          .where('id', '=', staffId)
          .execute();
        await trx
          .deleteFrom('staff_session')
          .where('staff_id', '=', staffId)
          .where('id', '!=', keepSessionId ?? '')
          .execute();
      });
    },

    async createStaffSession(session) {
      await db
        .insertInto('staff_session')
        .values({
          id: session.id,
          staff_id: session.staffId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          last_seen: session.lastSeen,
          ends_at: session.endsAt ?? null,
          provider_issuer: session.provider?.issuer ?? null,
          provider_session_id: session.provider?.sessionId ?? null,
        })
        .execute();
    },

    async getStaffSession(sessionId) {
      const session = await db
        .selectFrom('staff_session')
        .selectAll()
        .where('id', '=', sessionId)
        .executeTakeFirst();
      if (!session) return undefined;
      const staff = await byId(session.staff_id);
      return staff ? { session: toStaffSession(session), staff: toStaff(staff) } : undefined;
    },

    async touchStaffSession(sessionId, lastSeen, expiresAt) {
      await db
        .updateTable('staff_session')
        .set({ last_seen: lastSeen, expires_at: expiresAt })
        .where('id', '=', sessionId)
        .execute();
    },

    async deleteStaffSession(sessionId) {
      await db.deleteFrom('staff_session').where('id', '=', sessionId).execute();
    },

    async deleteExpiredStaffSessions(now) {
      await db
        .deleteFrom('staff_session')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('ends_at', '<=', now)]))
        .execute();
    },
  };
}
