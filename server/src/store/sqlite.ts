import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { foldUpdates } from './fold-updates.ts';
import {
  toAuditEntry,
  toChild,
  toFamily,
  toNetworkMember,
  toParticipant,
  toStaff,
  toStaffSession,
  type AuditRow,
  type ChildRow,
  type FamilyRow,
  type NetworkMemberRow,
  type ParticipantRow,
  type StaffRow,
  type StaffSessionRow,
} from './sqlite-rows.ts';
import {
  scalingMigration,
  toScalingAnswer,
  toScalingRound,
  type ScalingAnswerRow,
  type ScalingRoundRow,
} from './sqlite-scaling.ts';
import { drawingImagesInOrder, type DrawingImageRow } from './drawing-images.ts';
import { planMigration, SqlitePlan } from './sqlite-plan.ts';
import type {
  AuditEntry,
  ClientOwner,
  DocumentUpdate,
  DrawingImage,
  Family,
  FamilyDetails,
  Meeting,
  NewAuditEntry,
  NewMeeting,
  OpenMeetingResult,
  Participant,
  RevealedScalingRecord,
  SaveScalingAnswerResult,
  ScalingAnswerRecord,
  ScalingRoundRecord,
  Staff,
  StaffIdentity,
  StaffSession,
  Store,
  StoredDocument,
  StoredMeetingLiveState,
} from './store.ts';
import type { GuestRole } from '@kinboard/shared/access/index';

/**
 * Versioned migrations, applied in order on open. Never edit a migration that has shipped:
 * add the next one. The PostgreSQL store keeps the same numbered list.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE family (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE meeting (
     id TEXT PRIMARY KEY,
     family_id TEXT NOT NULL REFERENCES family(id),
     type TEXT NOT NULL,
     title TEXT NOT NULL,
     date TEXT NOT NULL,
     state TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE document_update (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     document_name TEXT NOT NULL,
     data BLOB NOT NULL,
     origin TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX document_update_by_name ON document_update (document_name, id);`,
  // 2: who gets in. Staff, their sessions, family access, guests, join codes and the audit log.
  `CREATE TABLE staff (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
     created_at INTEGER NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE staff_session (
     id TEXT PRIMARY KEY,
     staff_id TEXT NOT NULL REFERENCES staff(id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     last_seen INTEGER NOT NULL
   );
   CREATE INDEX staff_session_by_staff ON staff_session (staff_id);
   CREATE TABLE setup_token (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE family_access (
     family_id TEXT NOT NULL REFERENCES family(id),
     staff_id TEXT NOT NULL REFERENCES staff(id),
     granted_at INTEGER NOT NULL,
     PRIMARY KEY (family_id, staff_id)
   );
   CREATE INDEX family_access_by_staff ON family_access (staff_id);
   CREATE TABLE child (
     id TEXT PRIMARY KEY,
     family_id TEXT NOT NULL REFERENCES family(id),
     position INTEGER NOT NULL,
     name TEXT NOT NULL,
     born_on TEXT
   );
   CREATE INDEX child_by_family ON child (family_id, position);
   CREATE TABLE network_member (
     id TEXT PRIMARY KEY,
     family_id TEXT NOT NULL REFERENCES family(id),
     position INTEGER NOT NULL,
     name TEXT NOT NULL,
     relationship TEXT NOT NULL,
     contact TEXT
   );
   CREATE INDEX network_member_by_family ON network_member (family_id, position);
   ALTER TABLE meeting ADD COLUMN join_code TEXT;
   ALTER TABLE meeting ADD COLUMN chair_staff_id TEXT REFERENCES staff(id);
   -- Codes are cleared when a meeting closes, so this makes a code unique among open meetings.
   CREATE UNIQUE INDEX meeting_by_join_code ON meeting (join_code) WHERE join_code IS NOT NULL;
   CREATE INDEX meeting_by_family ON meeting (family_id);
   CREATE TABLE participant (
     id TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meeting(id),
     name TEXT NOT NULL,
     relationship TEXT NOT NULL,
     role TEXT,
     status TEXT NOT NULL CHECK (status IN ('waiting', 'admitted', 'refused', 'left')),
     pass_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     admitted_by TEXT REFERENCES staff(id),
     admitted_at INTEGER
   );
   CREATE INDEX participant_by_meeting ON participant (meeting_id, created_at);
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'participant', 'system')),
     actor_id TEXT,
     action TEXT NOT NULL,
     family_id TEXT,
     meeting_id TEXT,
     detail TEXT NOT NULL
   );
   CREATE INDEX audit_log_by_family ON audit_log (family_id, id);
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  // Who owns each Yjs client id of a document [SYNC13]: kept apart from the update log, which
  // compaction replaces, so ownership outlives every snapshot. Rows are per client id (tens a
  // meeting), never per update.
  `CREATE TABLE client_owner (
     document_name TEXT NOT NULL,
     client_id INTEGER NOT NULL,
     participant TEXT NOT NULL,
     first_seen INTEGER NOT NULL,
     PRIMARY KEY (document_name, client_id)
   ) WITHOUT ROWID;`,
  // The chair's live state of each meeting (focus, follow, locks, timer) [STORE17], as JSON: it
  // is read and written whole, and its shape is checked by its schema where it is read.
  `CREATE TABLE meeting_live_state (
     meeting_id TEXT PRIMARY KEY REFERENCES meeting(id),
     state TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // Scaling rounds and their answers (sqlite-scaling.ts).
  scalingMigration,
  // The safety plan: its stage, answers, offers and agreed versions (sqlite-plan.ts).
  planMigration,
  // 7: the latest image of each of a meeting's drawings, for exports [DRAW4].
  `CREATE TABLE drawing_image (
     meeting_id TEXT NOT NULL REFERENCES meeting(id),
     canvas TEXT NOT NULL,
     png BLOB NOT NULL,
     updated_at INTEGER NOT NULL,
     updated_by TEXT NOT NULL,
     PRIMARY KEY (meeting_id, canvas)
   );`,
  // 8: sign-in through the authority's identity provider [IDENT3]: who each (issuer, subject)
  // is, and each session's hard end (the provider's token expiry) and provider session.
  `CREATE TABLE staff_identity (
     issuer TEXT NOT NULL,
     subject TEXT NOT NULL,
     staff_id TEXT NOT NULL REFERENCES staff(id),
     created_at INTEGER NOT NULL,
     PRIMARY KEY (issuer, subject)
   );
   CREATE UNIQUE INDEX staff_identity_by_staff ON staff_identity (staff_id, issuer);
   ALTER TABLE staff_session ADD COLUMN ends_at INTEGER;
   ALTER TABLE staff_session ADD COLUMN provider_issuer TEXT;
   ALTER TABLE staff_session ADD COLUMN provider_session_id TEXT;
   CREATE INDEX staff_session_by_provider ON staff_session (provider_issuer, provider_session_id);`,
];

interface MeetingRow {
  id: string;
  family_id: string;
  type: string;
  title: string;
  date: string;
  state: Meeting['state'];
  created_at: number;
  join_code: string | null;
  chair_staff_id: string | null;
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    familyId: row.family_id,
    type: row.type,
    title: row.title,
    date: row.date,
    state: row.state,
    createdAt: row.created_at,
    joinCode: row.join_code ?? undefined,
    chairStaffId: row.chair_staff_id ?? undefined,
  };
}

type SqlValue = SQLInputValue;

/**
 * The embedded default store, on Node's built-in SQLite (no native build to download).
 * Durability: WAL with synchronous=FULL, so a committed transaction survives both a killed
 * process and a lost machine (power cut); the cost is one fsync per batch, which the sync
 * module's batching keeps small.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #plan: SqlitePlan;
  readonly #statements: {
    loadUpdates: StatementSync;
    insertUpdate: StatementSync;
    deleteUpdatesThrough: StatementSync;
    lastUpdateId: StatementSync;
    countUpdates: StatementSync;
    getMeeting: StatementSync;
    listMeetings: StatementSync;
    getFamily: StatementSync;
    insertFamily: StatementSync;
    insertMeeting: StatementSync;
    insertClientOwner: StatementSync;
    loadClientOwners: StatementSync;
  };

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('PRAGMA foreign_keys = ON');
    // Waiting for a lock blocks the event loop (node:sqlite is synchronous): keep it short.
    this.#db.exec('PRAGMA busy_timeout = 1000');
    this.#migrate();
    const db = this.#db;
    this.#plan = new SqlitePlan(db, (work) => this.#transaction(work));
    this.#statements = {
      loadUpdates: db.prepare('SELECT id, data FROM document_update WHERE document_name = ? ORDER BY id'),
      insertUpdate: db.prepare(
        'INSERT INTO document_update (document_name, data, origin, created_at) VALUES (?, ?, ?, ?)',
      ),
      deleteUpdatesThrough: db.prepare('DELETE FROM document_update WHERE document_name = ? AND id <= ?'),
      lastUpdateId: db.prepare('SELECT max(id) AS id FROM document_update WHERE document_name = ?'),
      countUpdates: db.prepare('SELECT count(*) AS n FROM document_update WHERE document_name = ?'),
      getMeeting: db.prepare('SELECT * FROM meeting WHERE id = ?'),
      listMeetings: db.prepare('SELECT * FROM meeting ORDER BY date DESC, created_at DESC'),
      getFamily: db.prepare('SELECT * FROM family WHERE id = ?'),
      insertFamily: db.prepare(
        'INSERT INTO family (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      insertMeeting: db.prepare(
        'INSERT INTO meeting (id, family_id, type, title, date, state, created_at, chair_staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      // The first owner stays: a later claim of the same id is ignored [STORE16].
      insertClientOwner: db.prepare(
        'INSERT INTO client_owner (document_name, client_id, participant, first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      loadClientOwners: db.prepare(
        'SELECT client_id, participant, first_seen FROM client_owner WHERE document_name = ? ORDER BY first_seen, client_id',
      ),
    };
  }

  #migrate(): void {
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const row = this.#db.prepare('SELECT max(version) AS version FROM schema_migration').get() as
      { version: number | null } | undefined;
    const current = row?.version ?? 0;
    for (let version = current + 1; version <= migrations.length; version++) {
      this.#transaction(() => {
        this.#db.exec(migrations[version - 1]!);
        this.#db
          .prepare('INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)')
          .run(version, Date.now());
      });
    }
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async loadDocument(documentName: string): Promise<StoredDocument> {
    const rows = this.#statements.loadUpdates.all(documentName) as { id: number; data: Uint8Array }[];
    return { updates: rows.map((row) => new Uint8Array(row.data)) };
  }

  async appendUpdates(updates: readonly DocumentUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const now = Date.now();
    this.#transaction(() => {
      for (const documentUpdate of updates) this.#insertUpdate(documentUpdate, now);
    });
  }

  /** One update and the client-id owners it carries [STORE16]; inside the caller's transaction. */
  #insertUpdate({ documentName, update, origin, owners }: DocumentUpdate, now: number): void {
    this.#statements.insertUpdate.run(documentName, update, origin ?? null, now);
    for (const { client, participant, firstSeen } of owners ?? [])
      this.#statements.insertClientOwner.run(documentName, client, participant, firstSeen);
  }

  async compactDocument(documentName: string, snapshot: Uint8Array): Promise<void> {
    this.#transaction(() => {
      const last = this.#statements.lastUpdateId.get(documentName) as { id: number | null };
      if (last.id === null) return;
      const throughUpdateId = last.id;
      this.#statements.deleteUpdatesThrough.run(documentName, throughUpdateId);
      // The snapshot must sort before every update kept after it, so it takes the folded row's id.
      this.#db
        .prepare(
          'INSERT INTO document_update (id, document_name, data, origin, created_at) VALUES (?, ?, ?, NULL, ?)',
        )
        .run(throughUpdateId, documentName, snapshot, Date.now());
    });
  }

  async foldDocumentUpdates(documentName: string): Promise<number> {
    // One writer and synchronous: the rows read are all the rows there are until it commits.
    return this.#transaction(() => {
      const rows = this.#db
        .prepare('SELECT id, data FROM document_update WHERE document_name = ? ORDER BY id')
        .all(documentName) as { id: number; data: Uint8Array }[];
      if (rows.length < 2) return rows[0]?.data.byteLength ?? 0;
      const last = rows.at(-1)!.id;
      const merged = foldUpdates(rows.map((row) => row.data));
      this.#statements.deleteUpdatesThrough.run(documentName, last);
      this.#db
        .prepare(
          'INSERT INTO document_update (id, document_name, data, origin, created_at) VALUES (?, ?, ?, NULL, ?)',
        )
        .run(last, documentName, merged, Date.now());
      return merged.byteLength;
    });
  }

  async countUpdates(documentName: string): Promise<number> {
    const row = this.#statements.countUpdates.get(documentName) as { n: number };
    return row.n;
  }

  async getMeeting(meetingId: string): Promise<Meeting | undefined> {
    const row = this.#statements.getMeeting.get(meetingId) as MeetingRow | undefined;
    return row ? toMeeting(row) : undefined;
  }

  async listMeetings(): Promise<Meeting[]> {
    return (this.#statements.listMeetings.all() as unknown as MeetingRow[]).map(toMeeting);
  }

  async getFamily(familyId: string): Promise<Family | undefined> {
    const row = this.#statements.getFamily.get(familyId) as FamilyRow | undefined;
    return row ? toFamily(row) : undefined;
  }

  async createMeeting({ family, meeting, documents }: NewMeeting): Promise<void> {
    this.#transaction(() => {
      this.#statements.insertFamily.run(family.id, family.name, family.createdAt);
      this.#statements.insertMeeting.run(
        meeting.id,
        meeting.familyId,
        meeting.type,
        meeting.title,
        meeting.date,
        meeting.state,
        meeting.createdAt,
        meeting.chairStaffId ?? null,
      );
      for (const documentUpdate of documents) this.#insertUpdate(documentUpdate, meeting.createdAt);
    });
  }

  #get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.#db.prepare(sql).get(...params) as T | undefined;
  }

  #all<T>(sql: string, ...params: SqlValue[]): T[] {
    return this.#db.prepare(sql).all(...params) as T[];
  }

  #run(sql: string, ...params: SqlValue[]): number {
    return Number(this.#db.prepare(sql).run(...params).changes);
  }

  async countStaff(): Promise<number> {
    return this.#get<{ n: number }>('SELECT count(*) AS n FROM staff')!.n;
  }

  async createFirstAdministrator(staff: Staff, setup?: { tokenHash: string; now: number }): Promise<boolean> {
    return this.#transaction(() => {
      if (this.#get<{ n: number }>('SELECT count(*) AS n FROM staff')!.n > 0) return false;
      if (setup) {
        const used = this.#run(
          'DELETE FROM setup_token WHERE id = ? AND expires_at > ?',
          setup.tokenHash,
          setup.now,
        );
        if (used === 0) return false;
      }
      this.#insertStaff(staff);
      this.#run('DELETE FROM setup_token');
      // Families that exist before any staff account were seeded (the demo): nobody else can see them.
      this.#run(
        'INSERT INTO family_access (family_id, staff_id, granted_at) SELECT id, ?, ? FROM family',
        staff.id,
        staff.createdAt,
      );
      return true;
    });
  }

  async replaceSetupToken(tokenHash: string, createdAt: number, expiresAt: number): Promise<void> {
    this.#transaction(() => {
      this.#run('DELETE FROM setup_token');
      this.#run(
        'INSERT INTO setup_token (id, created_at, expires_at) VALUES (?, ?, ?)',
        tokenHash,
        createdAt,
        expiresAt,
      );
    });
  }

  #insertStaff(staff: Staff): void {
    this.#run(
      'INSERT INTO staff (id, email, name, password_hash, role, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?)',
      staff.id,
      staff.email,
      staff.name,
      staff.passwordHash,
      staff.role,
      staff.createdAt,
      staff.disabled ? 1 : 0,
    );
  }

  async createStaff(staff: Staff): Promise<boolean> {
    return this.#transaction(() => {
      if (this.#get('SELECT 1 FROM staff WHERE email = ?', staff.email)) return false;
      this.#insertStaff(staff);
      return true;
    });
  }

  async getStaff(staffId: string): Promise<Staff | undefined> {
    const row = this.#get<StaffRow>('SELECT * FROM staff WHERE id = ?', staffId);
    return row ? toStaff(row) : undefined;
  }

  async findStaffByEmail(email: string): Promise<Staff | undefined> {
    const row = this.#get<StaffRow>('SELECT * FROM staff WHERE email = ?', email);
    return row ? toStaff(row) : undefined;
  }

  async listStaff(): Promise<Staff[]> {
    return this.#all<StaffRow>('SELECT * FROM staff ORDER BY name, email').map(toStaff);
  }

  async setStaffDisabled(staffId: string, disabled: boolean): Promise<Staff | undefined> {
    return this.#transaction(() => {
      if (this.#run('UPDATE staff SET disabled = ? WHERE id = ?', disabled ? 1 : 0, staffId) === 0)
        return undefined;
      if (disabled) this.#run('DELETE FROM staff_session WHERE staff_id = ?', staffId);
      return toStaff(this.#get<StaffRow>('SELECT * FROM staff WHERE id = ?', staffId)!);
    });
  }

  async createStaffSession(session: StaffSession): Promise<void> {
    this.#run(
      'INSERT INTO staff_session (id, staff_id, created_at, expires_at, last_seen, ends_at, provider_issuer, provider_session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      session.id,
      session.staffId,
      session.createdAt,
      session.expiresAt,
      session.lastSeen,
      session.endsAt ?? null,
      session.provider?.issuer ?? null,
      session.provider?.sessionId ?? null,
    );
  }

  async getStaffSession(sessionId: string): Promise<{ session: StaffSession; staff: Staff } | undefined> {
    const session = this.#get<StaffSessionRow>('SELECT * FROM staff_session WHERE id = ?', sessionId);
    if (!session) return undefined;
    const staff = this.#get<StaffRow>('SELECT * FROM staff WHERE id = ?', session.staff_id);
    return staff ? { session: toStaffSession(session), staff: toStaff(staff) } : undefined;
  }

  async touchStaffSession(sessionId: string, lastSeen: number, expiresAt: number): Promise<void> {
    this.#run(
      'UPDATE staff_session SET last_seen = ?, expires_at = ? WHERE id = ?',
      lastSeen,
      expiresAt,
      sessionId,
    );
  }

  async deleteStaffSession(sessionId: string): Promise<void> {
    this.#run('DELETE FROM staff_session WHERE id = ?', sessionId);
  }

  async deleteExpiredStaffSessions(now: number): Promise<void> {
    this.#run('DELETE FROM staff_session WHERE expires_at <= ? OR ends_at <= ?', now, now);
  }

  async findStaffByIdentity(issuer: string, subject: string): Promise<Staff | undefined> {
    const row = this.#get<StaffRow>(
      'SELECT staff.* FROM staff_identity JOIN staff ON staff.id = staff_identity.staff_id WHERE issuer = ? AND subject = ?',
      issuer,
      subject,
    );
    return row ? toStaff(row) : undefined;
  }

  async createStaffWithIdentity(staff: Staff, identity: StaffIdentity): Promise<boolean> {
    return this.#transaction(() => {
      if (this.#get('SELECT 1 FROM staff WHERE email = ?', staff.email)) return false;
      if (
        this.#get(
          'SELECT 1 FROM staff_identity WHERE issuer = ? AND subject = ?',
          identity.issuer,
          identity.subject,
        )
      )
        return false;
      this.#insertStaff(staff);
      this.#insertIdentity(identity);
      return true;
    });
  }

  async linkStaffIdentity(identity: StaffIdentity): Promise<boolean> {
    return this.#transaction(() => {
      const taken = this.#get(
        'SELECT 1 FROM staff_identity WHERE issuer = ? AND (subject = ? OR staff_id = ?)',
        identity.issuer,
        identity.subject,
        identity.staffId,
      );
      if (taken) return false;
      this.#insertIdentity(identity);
      return true;
    });
  }

  #insertIdentity(identity: StaffIdentity): void {
    this.#run(
      'INSERT INTO staff_identity (issuer, subject, staff_id, created_at) VALUES (?, ?, ?, ?)',
      identity.issuer,
      identity.subject,
      identity.staffId,
      identity.createdAt,
    );
  }

  async endProviderSessions(
    issuer: string,
    match: { sessionId?: string | undefined; subject?: string | undefined },
  ): Promise<StaffSession[]> {
    if (match.sessionId === undefined && match.subject === undefined) return [];
    return this.#transaction(() => {
      // A logout token's sid, when it has one, names exactly the provider session; its sub alone
      // means every session of that account through this provider.
      const where =
        match.sessionId !== undefined
          ? { sql: 'provider_issuer = ? AND provider_session_id = ?', values: [issuer, match.sessionId] }
          : {
              sql: 'provider_issuer = ? AND staff_id = (SELECT staff_id FROM staff_identity WHERE issuer = ? AND subject = ?)',
              values: [issuer, issuer, match.subject!],
            };
      const rows = this.#all<StaffSessionRow>(
        `SELECT * FROM staff_session WHERE ${where.sql}`,
        ...where.values,
      );
      this.#run(`DELETE FROM staff_session WHERE ${where.sql}`, ...where.values);
      return rows.map(toStaffSession);
    });
  }

  async createFamily({ family, children, network }: FamilyDetails, creatorStaffId: string): Promise<void> {
    this.#transaction(() => {
      this.#run(
        'INSERT INTO family (id, name, created_at) VALUES (?, ?, ?)',
        family.id,
        family.name,
        family.createdAt,
      );
      children.forEach((child, position) =>
        this.#run(
          'INSERT INTO child (id, family_id, position, name, born_on) VALUES (?, ?, ?, ?, ?)',
          child.id,
          family.id,
          position,
          child.name,
          child.bornOn ?? null,
        ),
      );
      network.forEach((member, position) =>
        this.#run(
          'INSERT INTO network_member (id, family_id, position, name, relationship, contact) VALUES (?, ?, ?, ?, ?, ?)',
          member.id,
          family.id,
          position,
          member.name,
          member.relationship,
          member.contact ?? null,
        ),
      );
      this.#run(
        'INSERT INTO family_access (family_id, staff_id, granted_at) VALUES (?, ?, ?)',
        family.id,
        creatorStaffId,
        family.createdAt,
      );
    });
  }

  async getFamilyDetails(familyId: string): Promise<FamilyDetails | undefined> {
    const family = this.#get<FamilyRow>('SELECT * FROM family WHERE id = ?', familyId);
    if (!family) return undefined;
    return {
      family: toFamily(family),
      children: this.#all<ChildRow>(
        'SELECT * FROM child WHERE family_id = ? ORDER BY position',
        familyId,
      ).map(toChild),
      network: this.#all<NetworkMemberRow>(
        'SELECT * FROM network_member WHERE family_id = ? ORDER BY position',
        familyId,
      ).map(toNetworkMember),
    };
  }

  async grantFamilyAccess(familyId: string, staffId: string, at: number): Promise<void> {
    this.#run(
      'INSERT INTO family_access (family_id, staff_id, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      familyId,
      staffId,
      at,
    );
  }

  async hasFamilyAccess(staffId: string, familyId: string): Promise<boolean> {
    return (
      this.#get('SELECT 1 FROM family_access WHERE staff_id = ? AND family_id = ?', staffId, familyId) !==
      undefined
    );
  }

  async listFamiliesOf(staffId: string): Promise<Family[]> {
    return this.#all<FamilyRow>(
      `SELECT family.* FROM family JOIN family_access ON family_access.family_id = family.id
       WHERE family_access.staff_id = ? ORDER BY family.name, family.id`,
      staffId,
    ).map(toFamily);
  }

  async listMeetingsOfFamily(familyId: string): Promise<Meeting[]> {
    return this.#all<MeetingRow>(
      'SELECT * FROM meeting WHERE family_id = ? ORDER BY date DESC, created_at DESC',
      familyId,
    ).map(toMeeting);
  }

  async openMeeting(meetingId: string, joinCode: string): Promise<OpenMeetingResult> {
    return this.#transaction((): OpenMeetingResult => {
      const row = this.#get<MeetingRow>('SELECT * FROM meeting WHERE id = ?', meetingId);
      if (!row) return { outcome: 'not-found' };
      if (row.state === 'closed') return { outcome: 'closed' };
      if (row.join_code !== null && row.state !== 'preparing')
        return { outcome: 'opened', meeting: toMeeting(row) };
      if (this.#get('SELECT 1 FROM meeting WHERE join_code = ?', joinCode)) return { outcome: 'code-taken' };
      const state = row.state === 'preparing' ? 'open' : row.state;
      this.#run('UPDATE meeting SET state = ?, join_code = ? WHERE id = ?', state, joinCode, meetingId);
      return { outcome: 'opened', meeting: toMeeting({ ...row, state, join_code: joinCode }) };
    });
  }

  async closeMeeting(meetingId: string): Promise<Meeting | undefined> {
    return this.#transaction(() => {
      const row = this.#get<MeetingRow>('SELECT * FROM meeting WHERE id = ?', meetingId);
      if (!row) return undefined;
      this.#run("UPDATE meeting SET state = 'closed', join_code = NULL WHERE id = ?", meetingId);
      this.#run(
        "UPDATE participant SET status = 'left' WHERE meeting_id = ? AND status IN ('waiting', 'admitted')",
        meetingId,
      );
      return toMeeting({ ...row, state: 'closed', join_code: null });
    });
  }

  async findMeetingByJoinCode(joinCode: string): Promise<Meeting | undefined> {
    const row = this.#get<MeetingRow>(
      "SELECT * FROM meeting WHERE join_code = ? AND state IN ('open', 'agreed')",
      joinCode,
    );
    return row ? toMeeting(row) : undefined;
  }

  async addParticipant(participant: Participant): Promise<void> {
    this.#run(
      `INSERT INTO participant (id, meeting_id, name, relationship, role, status, pass_hash, created_at, admitted_by, admitted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      participant.id,
      participant.meetingId,
      participant.name,
      participant.relationship,
      participant.role ?? null,
      participant.status,
      participant.passHash,
      participant.createdAt,
      participant.admittedBy ?? null,
      participant.admittedAt ?? null,
    );
  }

  async getParticipant(participantId: string): Promise<Participant | undefined> {
    const row = this.#get<ParticipantRow>('SELECT * FROM participant WHERE id = ?', participantId);
    return row ? toParticipant(row) : undefined;
  }

  async listParticipants(meetingId: string): Promise<Participant[]> {
    return this.#all<ParticipantRow>(
      'SELECT * FROM participant WHERE meeting_id = ? ORDER BY created_at, id',
      meetingId,
    ).map(toParticipant);
  }

  #changeParticipant(participantId: string, sql: string, ...params: SqlValue[]): Participant | undefined {
    return this.#transaction(() => {
      if (this.#run(sql, ...params, participantId) === 0) return undefined;
      return toParticipant(
        this.#get<ParticipantRow>('SELECT * FROM participant WHERE id = ?', participantId)!,
      );
    });
  }

  async admitParticipant(
    participantId: string,
    role: GuestRole,
    by: string,
    at: number,
  ): Promise<Participant | undefined> {
    return this.#changeParticipant(
      participantId,
      `UPDATE participant SET status = 'admitted', role = ?, admitted_by = ?, admitted_at = ?
       WHERE id = ? AND status IN ('waiting', 'refused')`,
      role,
      by,
      at,
    );
  }

  async refuseParticipant(participantId: string, by: string, at: number): Promise<Participant | undefined> {
    return this.#changeParticipant(
      participantId,
      `UPDATE participant SET status = 'refused', role = NULL, admitted_by = ?, admitted_at = ?
       WHERE id = ? AND status IN ('waiting', 'admitted')`,
      by,
      at,
    );
  }

  async changeParticipantRole(participantId: string, role: GuestRole): Promise<Participant | undefined> {
    return this.#changeParticipant(
      participantId,
      "UPDATE participant SET role = ? WHERE id = ? AND status = 'admitted'",
      role,
    );
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    this.#run(
      'INSERT INTO audit_log (at, actor_kind, actor_id, action, family_id, meeting_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      entry.at,
      entry.actorKind,
      entry.actorId ?? null,
      entry.action,
      entry.familyId ?? null,
      entry.meetingId ?? null,
      JSON.stringify(entry.detail),
    );
  }

  async listAuditOfFamily(familyId: string): Promise<AuditEntry[]> {
    return this.#all<AuditRow>('SELECT * FROM audit_log WHERE family_id = ? ORDER BY id', familyId).map(
      toAuditEntry,
    );
  }

  async listAuditOfService(limit: number): Promise<AuditEntry[]> {
    return this.#all<AuditRow>(
      'SELECT * FROM audit_log WHERE family_id IS NULL ORDER BY id DESC LIMIT ?',
      limit,
    ).map(toAuditEntry);
  }

  // Yjs client-id owners [STORE16]
  async loadClientOwners(documentName: string): Promise<ClientOwner[]> {
    const rows = this.#statements.loadClientOwners.all(documentName) as {
      client_id: number;
      participant: string;
      first_seen: number;
    }[];
    return rows.map((row) => ({
      client: row.client_id,
      participant: row.participant,
      firstSeen: row.first_seen,
    }));
  }

  // The chair's live meeting state [STORE17]
  async getMeetingLiveState(meetingId: string): Promise<StoredMeetingLiveState | undefined> {
    const row = this.#get<{ state: string }>(
      'SELECT state FROM meeting_live_state WHERE meeting_id = ?',
      meetingId,
    );
    return row ? (JSON.parse(row.state) as StoredMeetingLiveState) : undefined;
  }

  async saveMeetingLiveState(state: StoredMeetingLiveState): Promise<void> {
    this.#run(
      `INSERT INTO meeting_live_state (meeting_id, state, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      state.meetingId,
      JSON.stringify(state),
      Date.now(),
    );
  }

  // Drawings [DRAW4]
  async saveDrawingImage(image: DrawingImage): Promise<void> {
    this.#run(
      `INSERT INTO drawing_image (meeting_id, canvas, png, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, canvas) DO UPDATE
         SET png = excluded.png, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      image.meetingId,
      image.canvas,
      image.png,
      image.updatedAt,
      image.updatedBy,
    );
  }

  async listDrawingImages(meetingId: string): Promise<DrawingImage[]> {
    const rows = this.#all<DrawingImageRow>(
      'SELECT canvas, png, updated_at, updated_by FROM drawing_image WHERE meeting_id = ?',
      meetingId,
    );
    return drawingImagesInOrder(meetingId, rows);
  }

  // Scaling rounds and answers [STORE18]

  async startScalingRound(round: ScalingRoundRecord): Promise<void> {
    this.#run(
      `INSERT INTO scaling_round (id, meeting_id, question_id, question, named, open, started_at, started_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      round.id,
      round.meetingId,
      round.question.questionId,
      JSON.stringify(round.question),
      round.named ? 1 : 0,
      round.open ? 1 : 0,
      round.startedAt,
      round.startedBy,
    );
  }

  async getScalingRound(roundId: string): Promise<ScalingRoundRecord | undefined> {
    const row = this.#get<ScalingRoundRow>('SELECT * FROM scaling_round WHERE id = ?', roundId);
    return row ? toScalingRound(row) : undefined;
  }

  async latestScalingRound(meetingId: string): Promise<ScalingRoundRecord | undefined> {
    const row = this.#get<ScalingRoundRow>(
      'SELECT * FROM scaling_round WHERE meeting_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
      meetingId,
    );
    return row ? toScalingRound(row) : undefined;
  }

  async saveScalingAnswer(answer: ScalingAnswerRecord): Promise<SaveScalingAnswerResult> {
    return this.#transaction(() => {
      const round = this.#get<ScalingRoundRow>('SELECT * FROM scaling_round WHERE id = ?', answer.roundId);
      if (!round) return 'not-found';
      if (round.revealed_at !== null) return 'revealed';
      if (round.closed_at !== null) return 'closed';
      // An update keeps the row (and its rowid), so answers list in the order first given.
      this.#run(
        `INSERT INTO scaling_answer (round_id, participant_key, name, role, value, reason, answered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (round_id, participant_key) DO UPDATE SET
           name = excluded.name, role = excluded.role, value = excluded.value,
           reason = excluded.reason, answered_at = excluded.answered_at`,
        answer.roundId,
        answer.participantKey,
        answer.name,
        answer.role,
        answer.value,
        answer.reason,
        answer.answeredAt,
      );
      return 'saved';
    });
  }

  async listScalingAnswers(roundId: string): Promise<ScalingAnswerRecord[]> {
    return this.#all<ScalingAnswerRow>(
      'SELECT * FROM scaling_answer WHERE round_id = ? ORDER BY rowid',
      roundId,
    ).map(toScalingAnswer);
  }

  async revealScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined> {
    return this.#transaction(() => {
      const changed = this.#run(
        'UPDATE scaling_round SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL AND closed_at IS NULL',
        at,
        roundId,
      );
      if (changed === 0) return undefined;
      return toScalingRound(this.#get<ScalingRoundRow>('SELECT * FROM scaling_round WHERE id = ?', roundId)!);
    });
  }

  async closeScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined> {
    return this.#transaction(() => {
      const changed = this.#run(
        'UPDATE scaling_round SET closed_at = ? WHERE id = ? AND closed_at IS NULL',
        at,
        roundId,
      );
      if (changed === 0) return undefined;
      return toScalingRound(this.#get<ScalingRoundRow>('SELECT * FROM scaling_round WHERE id = ?', roundId)!);
    });
  }

  async listRevealedScalingOfFamily(familyId: string): Promise<RevealedScalingRecord[]> {
    const meetings = new Map(
      this.#all<MeetingRow>('SELECT * FROM meeting WHERE family_id = ?', familyId).map((row) => [
        row.id,
        toMeeting(row),
      ]),
    );
    const rounds = this.#all<ScalingRoundRow>(
      `SELECT scaling_round.* FROM scaling_round JOIN meeting ON meeting.id = scaling_round.meeting_id
       WHERE meeting.family_id = ? AND scaling_round.revealed_at IS NOT NULL
       ORDER BY meeting.date, scaling_round.revealed_at, scaling_round.rowid`,
      familyId,
    ).map(toScalingRound);
    return rounds.map((round) => ({
      meeting: meetings.get(round.meetingId)!,
      round,
      answers: this.#all<ScalingAnswerRow>(
        'SELECT * FROM scaling_answer WHERE round_id = ? ORDER BY rowid',
        round.id,
      ).map(toScalingAnswer),
    }));
  }
  // The safety plan [STORE19]: its SQL is in sqlite-plan.ts.
  getPlanAgreement: Store['getPlanAgreement'] = (...args) => this.#plan.getPlanAgreement(...args);
  startPlanAgreement: Store['startPlanAgreement'] = (...args) => this.#plan.startPlanAgreement(...args);
  reopenPlan: Store['reopenPlan'] = (...args) => this.#plan.reopenPlan(...args);
  recordPlanAnswer: Store['recordPlanAnswer'] = (...args) => this.#plan.recordPlanAnswer(...args);
  listPlanAnswers: Store['listPlanAnswers'] = (...args) => this.#plan.listPlanAnswers(...args);
  finalisePlanVersion: Store['finalisePlanVersion'] = (...args) => this.#plan.finalisePlanVersion(...args);
  listPlanVersions: Store['listPlanVersions'] = (...args) => this.#plan.listPlanVersions(...args);
  getPlanVersion: Store['getPlanVersion'] = (...args) => this.#plan.getPlanVersion(...args);
  listPlanVersionsOfFamily: Store['listPlanVersionsOfFamily'] = (...args) =>
    this.#plan.listPlanVersionsOfFamily(...args);
  addPlanOffer: Store['addPlanOffer'] = (...args) => this.#plan.addPlanOffer(...args);
  decidePlanOffer: Store['decidePlanOffer'] = (...args) => this.#plan.decidePlanOffer(...args);
  listPlanOffers: Store['listPlanOffers'] = (...args) => this.#plan.listPlanOffers(...args);

  async healthy(): Promise<boolean> {
    try {
      this.#db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
