import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { AuditEntry, AuditPage, NewAuditEntry } from '../records.ts';
import { auditGenesis, chainHash, type AuditChainCheck } from '../audit-chain.ts';

/** The audit log: append and read, never change; the database itself refuses to [STORE12]. */
export interface AuditRecords {
  /** Appends the entry to the hash chain, in one transaction with moving the chain's head [AUDIT2]. */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** A family's entries after the id `page.after` (0: from the first), oldest first, at most `page.limit` [ACCESS32]. */
  listAuditOfFamily(familyId: string, page: AuditPage): Promise<AuditEntry[]>;
  /**
   * Entries about no family (sign-ins, staff accounts, setup, guessing), newest first, at most
   * `limit`, with ids below `before` when given (the next page).
   */
  listAuditOfService(limit: number, before?: number): Promise<AuditEntry[]>;
  /** Recomputes the whole chain from the genesis and names the first entry that breaks it [AUDIT4]. */
  verifyAuditChain(): Promise<AuditChainCheck>;
  /**
   * Destroys the day keys of entries about no family written before `before` (the day the key
   * covers ended by then), so their personal details can no longer be read [AUDIT9]. Answers how
   * many keys went.
   */
  destroyServiceAuditKeys(before: number): Promise<number>;
}

/**
 * Personal details are sealed with AES-256-GCM under a key of the audit_key table [AUDIT6] and
 * stored in the detail text as `sealed: { key, box }` (box: IV, tag and ciphertext, base64url),
 * so the chain hashes the ciphertext [AUDIT1] and destroying the key shreds them [AUDIT8].
 */
interface Sealed {
  key: string;
  box: string;
}

const dayMs = 86_400_000;

/** The key an entry's details are sealed under: its family's, or the day's for the service. */
function keyOf(entry: NewAuditEntry): { id: string; familyId: string | null; createdAt: number } {
  if (entry.familyId)
    return { id: `family:${entry.familyId}`, familyId: entry.familyId, createdAt: entry.at };
  const day = Math.floor(entry.at / dayMs) * dayMs;
  return { id: `service:${new Date(day).toISOString().slice(0, 10)}`, familyId: null, createdAt: day };
}

function seal(keyId: string, secret: Uint8Array, personal: Record<string, unknown>): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv).setAAD(Buffer.from(keyId));
  const data = Buffer.concat([cipher.update(JSON.stringify(personal), 'utf8'), cipher.final()]);
  return { key: keyId, box: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url') };
}

function open(sealed: Sealed, secret: Uint8Array): Record<string, unknown> {
  const box = Buffer.from(sealed.box, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', secret, box.subarray(0, 12))
    .setAAD(Buffer.from(sealed.key))
    .setAuthTag(box.subarray(12, 28));
  const text = Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Sealed).key === 'string' &&
  typeof (value as Sealed).box === 'string';

/** The key for an entry, made on first use; several servers making it at once keep the first. */
async function keyFor(trx: Queryable, entry: NewAuditEntry): Promise<{ id: string; secret: Uint8Array }> {
  const key = keyOf(entry);
  await trx
    .insertInto('audit_key')
    .values({
      id: key.id,
      family_id: key.familyId,
      secret: new Uint8Array(randomBytes(32)),
      created_at: key.createdAt,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const row = await trx
    .selectFrom('audit_key')
    .select('secret')
    .where('id', '=', key.id)
    .executeTakeFirstOrThrow();
  return { id: key.id, secret: row.secret };
}

/** Rows as entries, their sealed details opened with the keys that still exist. */
async function toAuditEntries(
  db: Queryable,
  rows: Selectable<Database['audit_log']>[],
): Promise<AuditEntry[]> {
  const parsed = rows.map((row) => ({ row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
  const keyIds = [
    ...new Set(parsed.flatMap(({ detail }) => (isSealed(detail['sealed']) ? [detail['sealed'].key] : []))),
  ];
  const keys = new Map<string, Uint8Array>();
  if (keyIds.length > 0)
    for (const key of await db
      .selectFrom('audit_key')
      .select(['id', 'secret'])
      .where('id', 'in', keyIds)
      .execute())
      keys.set(key.id, key.secret);
  return parsed.map(({ row, detail }) => {
    const { sealed, ...rest } = detail;
    const entry: AuditEntry = {
      id: row.id,
      at: row.at,
      actorKind: row.actor_kind,
      actorId: row.actor_id ?? undefined,
      action: row.action,
      familyId: row.family_id ?? undefined,
      meetingId: row.meeting_id ?? undefined,
      detail: isSealed(sealed) ? rest : detail,
    };
    if (isSealed(sealed)) {
      const secret = keys.get(sealed.key);
      if (secret) entry.personal = open(sealed, secret);
      else entry.personalErased = true;
    }
    return entry;
  });
}

/** Erasure destroys the family's key with its rows, so its entries' details are unreadable [AUDIT8]. */
export async function eraseAuditKeyOfFamily(trx: Queryable, scope: { familyId: string }): Promise<void> {
  await trx.deleteFrom('audit_key').where('family_id', '=', scope.familyId).execute();
}

const verifyPage = 1000;

export function auditRecords({ db, dialect }: StoreContext): AuditRecords {
  return {
    async appendAudit(entry) {
      const personal = entry.personal && Object.keys(entry.personal).length > 0 ? entry.personal : undefined;
      await db.transaction().execute(async (trx) => {
        // The head row is the lock: on PostgreSQL several servers append one at a time, so ids
        // follow the chain's order; on SQLite the transaction's write lock already does it.
        const head = await dialect
          .forUpdate(trx.selectFrom('audit_chain_head').selectAll().where('id', '=', 1))
          .executeTakeFirstOrThrow();
        let detail: Record<string, unknown> = entry.detail;
        if (personal) {
          const key = await keyFor(trx, entry);
          detail = { ...detail, sealed: seal(key.id, key.secret, personal) };
        }
        const row = {
          at: entry.at,
          actor_kind: entry.actorKind,
          actor_id: entry.actorId ?? null,
          action: entry.action,
          family_id: entry.familyId ?? null,
          meeting_id: entry.meetingId ?? null,
          // Kept as text, so the keys come back in the order written [STORE14].
          detail: JSON.stringify(detail),
        };
        const hash = chainHash(head.hash, row);
        const { id } = await trx
          .insertInto('audit_log')
          .values({ ...row, hash })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('audit_chain_head').set({ last_id: id, hash }).where('id', '=', 1).execute();
      });
    },

    async listAuditOfFamily(familyId, page) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('family_id', '=', familyId)
        .where('id', '>', page.after ?? 0)
        .orderBy('id')
        .limit(page.limit)
        .execute();
      return toAuditEntries(db, rows);
    },

    async listAuditOfService(limit, before) {
      let query = db.selectFrom('audit_log').selectAll().where('family_id', 'is', null);
      if (before !== undefined) query = query.where('id', '<', before);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return toAuditEntries(db, rows);
    },

    async verifyAuditChain() {
      let previous = auditGenesis;
      let lastId = 0;
      let entries = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('id', '>', lastId)
          .orderBy('id')
          .limit(verifyPage)
          .execute();
        for (const row of rows) {
          const expected = chainHash(previous, row);
          if (row.hash !== expected) {
            const reason = 'its content, or an entry before it, was changed or removed after it was written';
            return { holds: false, entries, broken: { id: row.id, at: row.at, reason } };
          }
          previous = expected;
          lastId = row.id;
          entries += 1;
        }
        if (rows.length < verifyPage) break;
      }
      const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!head || head.hash !== previous || head.last_id !== lastId)
        return {
          holds: false,
          entries,
          broken: {
            id: head?.last_id ?? lastId,
            at: 0,
            reason: 'the newest entries were removed (the chain ends before its recorded head)',
          },
        };
      return { holds: true, entries };
    },

    async destroyServiceAuditKeys(before) {
      const gone = await db
        .deleteFrom('audit_key')
        .where('family_id', 'is', null)
        .where('created_at', '<=', before - dayMs)
        .executeTakeFirst();
      const count = Number(gone.numDeletedRows);
      if (count > 0) await dialect.afterErasure(db, ['audit_key']);
      return count;
    },
  };
}
