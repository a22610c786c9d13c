import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from './dialect.ts';
import { auditGenesis, chainHash, type AuditChainRow } from './audit-chain.ts';

/**
 * The store's migrations: one numbered list, each written once with Kysely's schema builder, so
 * number N is the same change on SQLite and PostgreSQL [STORE13]. What a dialect must say its
 * own way (column types, triggers) comes from dialect.ts. Never edit a migration that has
 * shipped: add the next one. Kysely's Migrator records them by name in `kysely_migration`.
 */
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations see tables as they were then

async function run(db: AnyDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export function storeMigrations(d: StoreDialect): [string, Migration][] {
  const t = d.time;
  return [
    [
      '0001-meetings-and-documents',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('family')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('created_at', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createTable('meeting')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('type', 'text', (c) => c.notNull())
            .addColumn('title', 'text', (c) => c.notNull())
            .addColumn('date', 'text', (c) => c.notNull())
            .addColumn('state', 'text', (c) => c.notNull())
            .addColumn('created_at', t, (c) => c.notNull())
            .execute();
          // By default, not always: compaction stores its snapshot under the id of the last row it folds.
          await d
            .addAutoId(db.schema.createTable('document_update'), 'by-default')
            .addColumn('document_name', 'text', (c) => c.notNull())
            .addColumn('data', d.bytes, (c) => c.notNull())
            .addColumn('origin', 'text')
            .addColumn('created_at', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('document_update_by_name')
            .on('document_update')
            .columns(['document_name', 'id'])
            .execute();
        },
      },
    ],
    [
      // Who gets in: staff, their sessions, family access, guests, join codes and the audit log.
      '0002-access',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('staff')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('email', 'text', (c) => c.notNull().unique())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('password_hash', 'text', (c) => c.notNull())
            .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'staff')`))
            .addColumn('created_at', t, (c) => c.notNull())
            .addColumn('disabled', d.flagType, (c) => c.notNull().defaultTo(d.flag(false)))
            .execute();
          await db.schema
            .createTable('staff_session')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
            .addColumn('created_at', t, (c) => c.notNull())
            .addColumn('expires_at', t, (c) => c.notNull())
            .addColumn('last_seen', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('staff_session_by_staff')
            .on('staff_session')
            .column('staff_id')
            .execute();
          await db.schema
            .createTable('setup_token')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('created_at', t, (c) => c.notNull())
            .addColumn('expires_at', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createTable('family_access')
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
            .addColumn('granted_at', t, (c) => c.notNull())
            .addPrimaryKeyConstraint('family_access_pkey', ['family_id', 'staff_id'])
            .execute();
          await db.schema
            .createIndex('family_access_by_staff')
            .on('family_access')
            .column('staff_id')
            .execute();
          await db.schema
            .createTable('child')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('position', 'integer', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('born_on', 'text')
            .execute();
          await db.schema
            .createIndex('child_by_family')
            .on('child')
            .columns(['family_id', 'position'])
            .execute();
          await db.schema
            .createTable('network_member')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('position', 'integer', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('relationship', 'text', (c) => c.notNull())
            .addColumn('contact', 'text')
            .execute();
          await db.schema
            .createIndex('network_member_by_family')
            .on('network_member')
            .columns(['family_id', 'position'])
            .execute();
          await db.schema.alterTable('meeting').addColumn('join_code', 'text').execute();
          await db.schema
            .alterTable('meeting')
            .addColumn('chair_staff_id', 'text', (c) => c.references('staff.id'))
            .execute();
          // Codes are cleared when a meeting closes, so this makes a code unique among open meetings.
          await db.schema
            .createIndex('meeting_by_join_code')
            .unique()
            .on('meeting')
            .column('join_code')
            .where('join_code', 'is not', null)
            .execute();
          await db.schema.createIndex('meeting_by_family').on('meeting').column('family_id').execute();
          await db.schema
            .createTable('participant')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('relationship', 'text', (c) => c.notNull())
            .addColumn('role', 'text')
            .addColumn('status', 'text', (c) =>
              c.notNull().check(sql`status IN ('waiting', 'admitted', 'refused', 'left')`),
            )
            .addColumn('pass_hash', 'text', (c) => c.notNull())
            .addColumn('created_at', t, (c) => c.notNull())
            .addColumn('admitted_by', 'text', (c) => c.references('staff.id'))
            .addColumn('admitted_at', t)
            .execute();
          await db.schema
            .createIndex('participant_by_meeting')
            .on('participant')
            .columns(['meeting_id', 'created_at'])
            .execute();
          await d
            .addAutoId(db.schema.createTable('audit_log'), 'always')
            .addColumn('at', t, (c) => c.notNull())
            .addColumn('actor_kind', 'text', (c) =>
              c.notNull().check(sql`actor_kind IN ('staff', 'participant', 'system')`),
            )
            .addColumn('actor_id', 'text')
            .addColumn('action', 'text', (c) => c.notNull())
            .addColumn('family_id', 'text')
            .addColumn('meeting_id', 'text')
            // TEXT, not JSONB, which would reorder the detail's keys [STORE14].
            .addColumn('detail', 'text', (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('audit_log_by_family')
            .on('audit_log')
            .columns(['family_id', 'id'])
            .execute();
          await run(db, d.appendOnly('audit_log', 'the audit log is append-only'));
        },
      },
    ],
    [
      // Who owns each Yjs client id of a document [SYNC13, STORE16]: kept apart from the update
      // log, which compaction replaces, so ownership outlives every snapshot.
      '0003-client-owners',
      {
        async up(db: AnyDb) {
          let table = db.schema
            .createTable('client_owner')
            .addColumn('document_name', 'text', (c) => c.notNull())
            .addColumn('client_id', t, (c) => c.notNull())
            .addColumn('participant', 'text', (c) => c.notNull())
            .addColumn('first_seen', t, (c) => c.notNull())
            .addPrimaryKeyConstraint('client_owner_pkey', ['document_name', 'client_id']);
          if (d.keyedTableEnd) table = table.modifyEnd(d.keyedTableEnd);
          await table.execute();
        },
      },
    ],
    [
      // The chair's live state of each meeting [STORE17], as JSON read and written whole.
      '0004-meeting-live-state',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('meeting_live_state')
            .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meeting.id'))
            .addColumn('state', 'text', (c) => c.notNull())
            .addColumn('updated_at', t, (c) => c.notNull())
            .execute();
        },
      },
    ],
    [
      // Scaling rounds and their answers [STORE18]; the database keeps a revealed round fixed.
      '0005-scaling',
      {
        async up(db: AnyDb) {
          await d
            .addInsertionOrder(db.schema.createTable('scaling_round'))
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('question_id', 'text', (c) => c.notNull())
            .addColumn('question', 'text', (c) => c.notNull())
            .addColumn('named', 'integer', (c) => c.notNull())
            .addColumn('open', 'integer', (c) => c.notNull())
            .addColumn('started_at', t, (c) => c.notNull())
            .addColumn('started_by', 'text', (c) => c.notNull())
            .addColumn('revealed_at', t)
            .addColumn('closed_at', t)
            .execute();
          await db.schema
            .createIndex('scaling_round_by_meeting')
            .on('scaling_round')
            .columns(['meeting_id', 'started_at'])
            .execute();
          await d
            .addInsertionOrder(db.schema.createTable('scaling_answer'))
            .addColumn('round_id', 'text', (c) => c.notNull().references('scaling_round.id'))
            .addColumn('participant_key', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('role', 'text', (c) => c.notNull())
            .addColumn('value', 'integer', (c) => c.notNull().check(sql`value BETWEEN 0 AND 10`))
            .addColumn('reason', 'text', (c) => c.notNull())
            .addColumn('answered_at', t, (c) => c.notNull())
            .addPrimaryKeyConstraint('scaling_answer_pkey', ['round_id', 'participant_key'])
            .execute();
          await run(db, d.scalingFixed('a revealed scaling round is fixed'));
        },
      },
    ],
    [
      // The safety plan [STORE19]: its stage, answers, offers and agreed versions, which the
      // database itself keeps exactly as agreed [PLAN6].
      '0006-plan',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('plan_stage')
            .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meeting.id'))
            .addColumn('stage', 'text', (c) =>
              c.notNull().check(sql`stage IN ('drafting', 'agreeing', 'agreed')`),
            )
            .addColumn('round', 'integer', (c) => c.notNull())
            .addColumn('started_at', t)
            .execute();
          await db.schema
            .createTable('plan_answer')
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('round', 'integer', (c) => c.notNull())
            .addColumn('participant_key', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('role', 'text', (c) => c.notNull())
            .addColumn('agrees', 'integer', (c) => c.notNull())
            .addColumn('reason', 'text')
            .addColumn('at', t, (c) => c.notNull())
            .addPrimaryKeyConstraint('plan_answer_pkey', ['meeting_id', 'round', 'participant_key'])
            .execute();
          await db.schema
            .createTable('plan_offer')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('rule_id', 'text', (c) => c.notNull())
            .addColumn('participant_key', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('status', 'text', (c) =>
              c.notNull().check(sql`status IN ('waiting', 'confirmed', 'declined')`),
            )
            .addColumn('at', t, (c) => c.notNull())
            .addColumn('decided_at', t)
            .addColumn('decided_by', 'text')
            .execute();
          await db.schema
            .createIndex('plan_offer_by_meeting')
            .on('plan_offer')
            .columns(['meeting_id', 'at'])
            .execute();
          await db.schema
            .createTable('plan_version')
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('version', 'integer', (c) => c.notNull())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('started_at', t, (c) => c.notNull())
            .addColumn('agreed_at', t, (c) => c.notNull())
            .addColumn('agreed_by', 'text', (c) => c.notNull())
            .addColumn('board', 'text', (c) => c.notNull())
            .addColumn('participants', 'text', (c) => c.notNull())
            .addColumn('answers', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('plan_version_pkey', ['meeting_id', 'version'])
            .execute();
          await db.schema
            .createIndex('plan_version_by_family')
            .on('plan_version')
            .columns(['family_id', 'agreed_at'])
            .execute();
          await db.schema
            .createTable('plan_version_document')
            .addColumn('meeting_id', 'text', (c) => c.notNull())
            .addColumn('version', 'integer', (c) => c.notNull())
            .addColumn('part', 'text', (c) => c.notNull())
            .addColumn('data', d.bytes, (c) => c.notNull())
            .addPrimaryKeyConstraint('plan_version_document_pkey', ['meeting_id', 'version', 'part'])
            .addForeignKeyConstraint(
              'plan_version_document_meeting_id_version_fkey',
              ['meeting_id', 'version'],
              'plan_version',
              ['meeting_id', 'version'],
            )
            .execute();
          await run(db, d.appendOnly('plan_version', 'an agreed plan never changes'));
          await run(db, d.appendOnly('plan_version_document', 'an agreed plan never changes'));
        },
      },
    ],
    [
      // The latest image of each of a meeting's drawings, for exports [DRAW4].
      '0007-drawing-images',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('drawing_image')
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('canvas', 'text', (c) => c.notNull())
            .addColumn('png', d.bytes, (c) => c.notNull())
            .addColumn('updated_at', t, (c) => c.notNull())
            .addColumn('updated_by', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('drawing_image_pkey', ['meeting_id', 'canvas'])
            .execute();
        },
      },
    ],
    [
      // The write probe [RECORD5]: one row, rewritten while the store cannot write, to learn
      // when it can again.
      '0008-store-probe',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('store_probe')
            .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
            .addColumn('written_at', t, (c) => c.notNull())
            .addColumn('room', d.bytes, (c) => c.notNull())
            .execute();
        },
      },
    ],
    [
      // Retention [RETAIN1]: when a meeting closed (meetings closed before this count from now),
      // and when a guest's details were purged.
      '0009-retention',
      {
        async up(db: AnyDb) {
          await db.schema.alterTable('meeting').addColumn('closed_at', t).execute();
          await db
            .updateTable('meeting')
            .set({ closed_at: Date.now() })
            .where('state', '=', 'closed')
            .execute();
          await db.schema.alterTable('participant').addColumn('details_purged_at', t).execute();
          await db.schema
            .createIndex('meeting_by_closed_at')
            .on('meeting')
            .column('closed_at')
            .where(sql.ref('closed_at'), 'is not', null)
            .execute();
        },
      },
    ],
    [
      // Who wrote what, for as long as the family's record is kept [HISTORY1] [HISTORY2]: every
      // stored update again, with its author's key, name and role as recorded then. Never folded.
      '0010-document-history',
      {
        async up(db: AnyDb) {
          await d
            .addAutoId(db.schema.createTable('document_history'), 'always')
            .addColumn('document_name', 'text', (c) => c.notNull())
            .addColumn('data', d.bytes, (c) => c.notNull())
            .addColumn('participant', 'text')
            .addColumn('author_name', 'text')
            .addColumn('author_role', 'text')
            .addColumn('created_at', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('document_history_by_name')
            .on('document_history')
            .columns(['document_name', 'id'])
            .execute();
          // What the log holds already becomes the start of each history: a compacted snapshot
          // has no author (it says "before history was kept"); a row's author is named as the
          // staff or guest tables have them now.
          await sql`
            INSERT INTO document_history (document_name, data, participant, author_name, author_role, created_at)
            SELECT u.document_name, u.data, u.origin, COALESCE(s.name, p.name),
                   CASE WHEN s.id IS NOT NULL THEN 'staff' ELSE p.role END, u.created_at
            FROM document_update u
            LEFT JOIN staff s ON u.origin = 'staff:' || s.id
            LEFT JOIN participant p ON u.origin = 'guest:' || p.id
            ORDER BY u.id`.execute(db);
          await run(db, d.refuseUpdates('document_history', 'a board history is never changed'));
        },
      },
    ],
    [
      // The audit log becomes a hash chain [AUDIT1, AUDIT3]: each entry holds SHA-256 of the one
      // before's hash and its own canonical content; one head row holds the newest hash and is
      // the lock appends take turns on. Entries written before this are chained here, from the
      // genesis, so an older database's log is covered from now on.
      '0011-audit-chain',
      {
        async up(db: AnyDb) {
          await run(db, d.dropAppendOnly('audit_log'));
          await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
          await db.schema
            .createTable('audit_chain_head')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('last_id', t, (c) => c.notNull())
            .addColumn('hash', 'text', (c) => c.notNull())
            .execute();
          let head = auditGenesis;
          let lastId = 0;
          const rows = (await db
            .selectFrom('audit_log')
            .selectAll()
            .orderBy('id')
            .execute()) as (AuditChainRow & { id: number })[];
          for (const row of rows) {
            head = chainHash(head, row);
            lastId = Number(row.id);
            await db.updateTable('audit_log').set({ hash: head }).where('id', '=', row.id).execute();
          }
          await db.insertInto('audit_chain_head').values({ id: 1, last_id: lastId, hash: head }).execute();
          await run(db, d.appendOnly('audit_log', 'the audit log is append-only'));
        },
      },
    ],
    [
      // A family's erasure [ERASE3]: while the erasing transaction holds a row here, the guards
      // of agreed plans and revealed scaling rounds let its deletes through; nothing else does.
      '0012-family-erasure',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('erasure_in_progress')
            .addColumn('family_id', 'text', (c) => c.primaryKey())
            .execute();
          await run(
            db,
            d.erasureAllowed('an agreed plan never changes', 'a revealed scaling round is fixed'),
          );
        },
      },
    ],
    [
      // Sign-in through the authority's identity provider [IDENT3]: who each (issuer, subject)
      // is, and each session's hard end (the provider's token expiry) and provider session.
      '0013-staff-identities',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('staff_identity')
            .addColumn('issuer', 'text', (c) => c.notNull())
            .addColumn('subject', 'text', (c) => c.notNull())
            .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
            .addColumn('created_at', t, (c) => c.notNull())
            .addPrimaryKeyConstraint('staff_identity_pkey', ['issuer', 'subject'])
            .execute();
          await db.schema
            .createIndex('staff_identity_by_staff')
            .unique()
            .on('staff_identity')
            .columns(['staff_id', 'issuer'])
            .execute();
          await db.schema.alterTable('staff_session').addColumn('ends_at', t).execute();
          await db.schema.alterTable('staff_session').addColumn('provider_issuer', 'text').execute();
          await db.schema.alterTable('staff_session').addColumn('provider_session_id', 'text').execute();
          await db.schema
            .createIndex('staff_session_by_provider')
            .on('staff_session')
            .columns(['provider_issuer', 'provider_session_id'])
            .execute();
        },
      },
    ],
    [
      // Passes for the network between meetings and the safety journal [PASS1] [PASS8]: a pass
      // has a family, a holder, an end and a kind (with a scope a later kind may use).
      '0014-network-passes',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('network_pass')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('scope', 'text')
            .addColumn('holder_name', 'text', (c) => c.notNull())
            .addColumn('relationship', 'text', (c) => c.notNull())
            .addColumn('person_key', 'text')
            .addColumn('secret_hash', 'text', (c) => c.notNull())
            .addColumn('created_at', t, (c) => c.notNull())
            .addColumn('created_by', 'text', (c) => c.notNull())
            .addColumn('ends_at', t, (c) => c.notNull())
            .addColumn('revoked_at', t)
            .addColumn('revoked_by', 'text')
            .addColumn('replaced_by', 'text')
            .execute();
          await db.schema
            .createIndex('network_pass_by_family')
            .on('network_pass')
            .columns(['family_id', 'created_at'])
            .execute();
          await db.schema
            .createTable('journal_entry')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('pass_id', 'text', (c) => c.notNull().references('network_pass.id'))
            .addColumn('author_name', 'text', (c) => c.notNull())
            .addColumn('author_relationship', 'text', (c) => c.notNull())
            .addColumn('written_at', t, (c) => c.notNull())
            .addColumn('happened_on', 'text', (c) => c.notNull())
            .addColumn('text', 'text', (c) => c.notNull())
            .addColumn('who_was_there', 'text', (c) => c.notNull())
            .addColumn('plan_held', 'text', (c) => c.notNull())
            .addColumn('rule_id', 'text')
            .addColumn('rule_text', 'text')
            .addColumn('read_at', t)
            .addColumn('read_by', 'text')
            .execute();
          await db.schema
            .createIndex('journal_entry_by_family')
            .on('journal_entry')
            .columns(['family_id', 'written_at'])
            .execute();
          await db.schema
            .createIndex('journal_entry_by_pass')
            .on('journal_entry')
            .columns(['pass_id', 'written_at'])
            .execute();
          await db.schema
            .createTable('journal_reply')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('entry_id', 'text', (c) => c.notNull().references('journal_entry.id'))
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
            .addColumn('text', 'text', (c) => c.notNull())
            .addColumn('written_at', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('journal_reply_by_family')
            .on('journal_reply')
            .columns(['family_id', 'written_at'])
            .execute();
        },
      },
    ],
    [
      // A photo or drawing with a journal entry, when the worker allowed it on the pass [PASS8].
      '0015-safety-journal',
      {
        async up(db: AnyDb) {
          await db.schema
            .alterTable('network_pass')
            .addColumn('allow_photos', d.flagType, (c) => c.notNull().defaultTo(d.flag(false)))
            .execute();
          await db.schema
            .createTable('journal_photo')
            .addColumn('entry_id', 'text', (c) => c.primaryKey().references('journal_entry.id'))
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('content_type', 'text', (c) => c.notNull())
            .addColumn('data', d.bytes, (c) => c.notNull())
            .execute();
        },
      },
    ],
    [
      // Who was given a copy of which agreed version, when and how [COPY6]; erased with the family.
      '0016-copies-given',
      {
        async up(db: AnyDb) {
          await db.schema
            .createTable('copy_given')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('version', 'integer', (c) => c.notNull())
            .addColumn('what', 'text', (c) => c.notNull())
            .addColumn('person_key', 'text')
            .addColumn('recipient_name', 'text', (c) => c.notNull())
            .addColumn('method', 'text', (c) => c.notNull())
            .addColumn('address', 'text')
            .addColumn('staff_id', 'text')
            .addColumn('participant_key', 'text')
            .addColumn('given_at', t, (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('copy_given_by_family')
            .on('copy_given')
            .columns(['family_id', 'given_at'])
            .execute();
        },
      },
    ],
    [
      // Before the meeting [DRAFT2] [PRIOR1]: from when a meeting's drafts are shared, and the
      // views sent before it by people who cannot come, with who the server recorded as sending.
      '0018-views-before-meeting',
      {
        async up(db: AnyDb) {
          await d
            .addInsertionOrder(db.schema.createTable('view_before'))
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
            .addColumn('sender_key', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('relationship', 'text', (c) => c.notNull())
            .addColumn('worries', 'text', (c) => c.notNull())
            .addColumn('working_well', 'text', (c) => c.notNull())
            .addColumn('offers', 'text', (c) => c.notNull())
            .addColumn('scaling', 'text', (c) => c.notNull())
            .addColumn('sent_at', t, (c) => c.notNull())
            .addColumn('brought_in_at', t)
            .addColumn('brought_in_by', 'text')
            .execute();
          await db.schema
            .createIndex('view_before_by_meeting')
            .on('view_before')
            .columns(['meeting_id', 'sender_key'])
            .execute();
          await db.schema
            .createTable('drafts_share')
            .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meeting.id'))
            .addColumn('share_from', t, (c) => c.notNull())
            .addColumn('set_by', 'text', (c) => c.notNull())
            .addColumn('set_at', t, (c) => c.notNull())
            .execute();
        },
      },
    ],
  ];
}

/** The migration names in order, as `kysely_migration` records them. */
export function migrationNames(dialect: StoreDialect): string[] {
  return storeMigrations(dialect).map(([name]) => name);
}
