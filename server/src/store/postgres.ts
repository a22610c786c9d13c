import type { GuestRole } from '@kinboard/shared/access/index';
import postgres from 'postgres';
import { foldUpdates } from './fold-updates.ts';
import { drawingImagesInOrder, type DrawingImageRow } from './drawing-images.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { PostgresPlan } from './postgres-plan.ts';
import {
  int8AsNumber,
  toMeeting,
  toStaffRow,
  type MeetingRow,
  type PostgresStaffRow,
} from './postgres-rows.ts';
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
  type StaffSessionRow,
} from './sqlite-rows.ts';
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
  Staff,
  StaffIdentity,
  StaffSession,
  Store,
  StoredDocument,
  StoredMeetingLiveState,
  RevealedScalingRecord,
  SaveScalingAnswerResult,
  ScalingAnswerRecord,
  ScalingRoundRecord,
} from './store.ts';
import {
  toScalingAnswer,
  toScalingRound,
  type ScalingAnswerRow,
  type ScalingRoundRow,
} from './sqlite-scaling.ts';

type Sql = postgres.Sql<{ bigint: number }>;
/** A pooled connection or one transaction: every helper below works on either. */
type Queryable = Sql | postgres.TransactionSql<{ bigint: number }>;

export interface PostgresStoreOptions {
  /**
   * A schema of Kinboard's own (created if missing), e.g. one per test run or per deployment
   * sharing a database. Without one, the connection's default search path is used (`public`).
   */
  schema?: string | undefined;
  /** The most connections the pool opens (default 10). */
  maxConnections?: number | undefined;
}

/** Plain lower-case identifiers only, so a schema name never needs quoting in a search path. */
export const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const rowsPerInsert = 1000;

const healthTimeoutMs = 2000;

/**
 * The store on PostgreSQL, chosen by DATABASE_URL, for several servers sharing one record.
 * Durability: every method resolves after its COMMIT returns, with `synchronous_commit = on`
 * set for Kinboard's connections, so the commit is in the server's WAL on disk.
 *
 * Where SQLite's store gets atomicity and serial order for free (node:sqlite is synchronous and
 * `BEGIN IMMEDIATE` takes the one write lock), this one says how: a transaction, a row lock
 * (`FOR UPDATE`), a table lock, or a unique index whose violation is the answer. Each method is
 * the SQLite one's counterpart, in the same order as store.ts, so a new one is added beside it.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly #sql: Sql;
  #closed = false;

  readonly #plan: PostgresPlan;

  private constructor(sql: Sql) {
    this.#sql = sql;
    this.#plan = new PostgresPlan(sql);
  }

  /** Connects, brings the schema up to date [STORE13] and resolves once the store is ready. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { schema } = options;
    if (schema !== undefined && !schemaNamePattern.test(schema))
      throw new Error(`not a schema name Kinboard uses: ${JSON.stringify(schema)} (a-z, 0-9 and _)`);
    const sql = postgres(url, {
      max: options.maxConnections ?? 10,
      connect_timeout: 10,
      // CREATE ... IF NOT EXISTS says "already exists" as a notice on every start; nothing to act on.
      onnotice: () => {},
      connection: {
        // Names the deployment's connections in pg_stat_activity.
        application_name: schema === undefined ? 'kinboard' : `kinboard:${schema}`,
        // Commit means on disk, whatever the server's default [STORE2].
        synchronous_commit: 'on',
        ...(schema === undefined ? {} : { search_path: schema }),
      },
      types: { bigint: int8AsNumber },
    });
    try {
      await migratePostgres(sql, schema);
    } catch (error) {
      await sql.end({ timeout: 0 });
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not prepare the PostgreSQL database at ${describePostgresUrl(url)}: ${reason}`, {
        cause: error,
      });
    }
    return new PostgresStore(sql);
  }

  async loadDocument(documentName: string): Promise<StoredDocument> {
    const rows = await this.#sql<{ data: Uint8Array }[]>`
      SELECT data FROM document_update WHERE document_name = ${documentName} ORDER BY id`;
    return { updates: rows.map((row) => new Uint8Array(row.data)) };
  }

  async appendUpdates(updates: readonly DocumentUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const now = Date.now();
    // One statement is atomic by itself; a batch too large for one, or one carrying client-id
    // owners (a second statement), needs a transaction [STORE16].
    const carriesOwners = updates.some((update) => (update.owners?.length ?? 0) > 0);
    if (updates.length <= rowsPerInsert && !carriesOwners) await insertUpdates(this.#sql, updates, now);
    else await this.#sql.begin((tx) => insertUpdates(tx, updates, now));
  }

  async compactDocument(documentName: string, snapshot: Uint8Array): Promise<void> {
    await this.#sql.begin(async (tx) => {
      const [last] = await tx<{ id: number | null }[]>`
        SELECT max(id) AS id FROM document_update WHERE document_name = ${documentName}`;
      const throughUpdateId = last?.id ?? null;
      if (throughUpdateId === null) return;
      await tx`DELETE FROM document_update WHERE document_name = ${documentName} AND id <= ${throughUpdateId}`;
      // The snapshot must sort before every update kept after it, so it takes the folded row's id.
      await tx`
        INSERT INTO document_update (id, document_name, data, origin, created_at)
        VALUES (${throughUpdateId}, ${documentName}, ${snapshot}, NULL, ${Date.now()})`;
    });
  }

  async foldDocumentUpdates(documentName: string): Promise<number> {
    return this.#sql.begin(async (tx) => {
      // One fold of a document at a time, across servers; appends are not held up.
      await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`kinboard.fold:${documentName}`}, 0))`;
      // Ids follow the order rows were inserted, not committed: a row with a smaller id may
      // commit after this reads. So exactly the rows read are merged and deleted, by id.
      const rows = await tx<{ id: number; data: Uint8Array }[]>`
        SELECT id, data FROM document_update WHERE document_name = ${documentName} ORDER BY id FOR UPDATE`;
      if (rows.length < 2) return rows[0]?.data.byteLength ?? 0;
      const ids = rows.map((row) => row.id);
      const merged = foldUpdates(rows.map((row) => new Uint8Array(row.data)));
      await tx`DELETE FROM document_update WHERE id IN ${tx(ids)}`;
      await tx`
        INSERT INTO document_update (id, document_name, data, origin, created_at)
        VALUES (${ids.at(-1)!}, ${documentName}, ${merged}, NULL, ${Date.now()})`;
      return merged.byteLength;
    });
  }

  async countUpdates(documentName: string): Promise<number> {
    const [row] = await this.#sql<{ n: number }[]>`
      SELECT count(*) AS n FROM document_update WHERE document_name = ${documentName}`;
    return row!.n;
  }

  async getMeeting(meetingId: string): Promise<Meeting | undefined> {
    const [row] = await this.#sql<MeetingRow[]>`SELECT * FROM meeting WHERE id = ${meetingId}`;
    return row ? toMeeting(row) : undefined;
  }

  async listMeetings(): Promise<Meeting[]> {
    const rows = await this.#sql<MeetingRow[]>`SELECT * FROM meeting ORDER BY date DESC, created_at DESC`;
    return rows.map(toMeeting);
  }

  async getFamily(familyId: string): Promise<Family | undefined> {
    const [row] = await this.#sql<FamilyRow[]>`SELECT * FROM family WHERE id = ${familyId}`;
    return row ? toFamily(row) : undefined;
  }

  async createMeeting({ family, meeting, documents }: NewMeeting): Promise<void> {
    await this.#sql.begin(async (tx) => {
      await tx`
        INSERT INTO family (id, name, created_at) VALUES (${family.id}, ${family.name}, ${family.createdAt})
        ON CONFLICT (id) DO NOTHING`;
      await tx`
        INSERT INTO meeting (id, family_id, type, title, date, state, created_at, chair_staff_id)
        VALUES (${meeting.id}, ${meeting.familyId}, ${meeting.type}, ${meeting.title}, ${meeting.date},
                ${meeting.state}, ${meeting.createdAt}, ${meeting.chairStaffId ?? null})`;
      await insertUpdates(tx, documents, meeting.createdAt);
    });
  }

  async countStaff(): Promise<number> {
    const [row] = await this.#sql<{ n: number }[]>`SELECT count(*) AS n FROM staff`;
    return row!.n;
  }

  async createFirstAdministrator(staff: Staff, setup?: { tokenHash: string; now: number }): Promise<boolean> {
    return this.#sql.begin(async (tx) => {
      // Two set-up requests at once must not both find no staff: this lock lets one in at a time
      // (and waits for any staff insert in flight), as SQLite's single writer does.
      await tx`LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE`;
      const [count] = await tx<{ n: number }[]>`SELECT count(*) AS n FROM staff`;
      if (count!.n > 0) return false;
      if (setup) {
        const used = await tx`
          DELETE FROM setup_token WHERE id = ${setup.tokenHash} AND expires_at > ${setup.now}`;
        if (used.count === 0) return false;
      }
      await insertStaff(tx, staff);
      await tx`DELETE FROM setup_token`;
      // Families that exist before any staff account were seeded (the demo): nobody else can see them.
      await tx`
        INSERT INTO family_access (family_id, staff_id, granted_at)
        SELECT id, ${staff.id}::text, ${staff.createdAt}::bigint FROM family`;
      return true;
    });
  }

  async replaceSetupToken(tokenHash: string, createdAt: number, expiresAt: number): Promise<void> {
    await this.#sql.begin(async (tx) => {
      // Two starts at once must still leave exactly one live token.
      await tx`LOCK TABLE setup_token IN SHARE ROW EXCLUSIVE MODE`;
      await tx`DELETE FROM setup_token`;
      await tx`
        INSERT INTO setup_token (id, created_at, expires_at) VALUES (${tokenHash}, ${createdAt}, ${expiresAt})`;
    });
  }

  async createStaff(staff: Staff): Promise<boolean> {
    // The unique email decides, even between two servers at once; a taken id still fails loudly.
    return (await insertStaff(this.#sql, staff, { unlessEmailTaken: true })) === 1;
  }

  async getStaff(staffId: string): Promise<Staff | undefined> {
    const [row] = await this.#sql<PostgresStaffRow[]>`SELECT * FROM staff WHERE id = ${staffId}`;
    return row ? toStaff(toStaffRow(row)) : undefined;
  }

  async findStaffByEmail(email: string): Promise<Staff | undefined> {
    const [row] = await this.#sql<PostgresStaffRow[]>`SELECT * FROM staff WHERE email = ${email}`;
    return row ? toStaff(toStaffRow(row)) : undefined;
  }

  async listStaff(): Promise<Staff[]> {
    // COLLATE "C" everywhere text is sorted: code-point order, as SQLite's, whatever the database's locale.
    const rows = await this.#sql<PostgresStaffRow[]>`
      SELECT * FROM staff ORDER BY name COLLATE "C", email COLLATE "C"`;
    return rows.map((row) => toStaff(toStaffRow(row)));
  }

  async setStaffDisabled(staffId: string, disabled: boolean): Promise<Staff | undefined> {
    return this.#sql.begin(async (tx) => {
      const [row] = await tx<PostgresStaffRow[]>`
        UPDATE staff SET disabled = ${disabled} WHERE id = ${staffId} RETURNING *`;
      if (!row) return undefined;
      if (disabled) await tx`DELETE FROM staff_session WHERE staff_id = ${staffId}`;
      return toStaff(toStaffRow(row));
    });
  }

  async createStaffSession(session: StaffSession): Promise<void> {
    await this.#sql`
      INSERT INTO staff_session (id, staff_id, created_at, expires_at, last_seen, ends_at, provider_issuer,
                                 provider_session_id)
      VALUES (${session.id}, ${session.staffId}, ${session.createdAt}, ${session.expiresAt}, ${session.lastSeen},
              ${session.endsAt ?? null}, ${session.provider?.issuer ?? null}, ${session.provider?.sessionId ?? null})`;
  }

  async getStaffSession(sessionId: string): Promise<{ session: StaffSession; staff: Staff } | undefined> {
    const [session] = await this.#sql<StaffSessionRow[]>`SELECT * FROM staff_session WHERE id = ${sessionId}`;
    if (!session) return undefined;
    const [staff] = await this.#sql<PostgresStaffRow[]>`SELECT * FROM staff WHERE id = ${session.staff_id}`;
    return staff ? { session: toStaffSession(session), staff: toStaff(toStaffRow(staff)) } : undefined;
  }

  async touchStaffSession(sessionId: string, lastSeen: number, expiresAt: number): Promise<void> {
    await this.#sql`
      UPDATE staff_session SET last_seen = ${lastSeen}, expires_at = ${expiresAt} WHERE id = ${sessionId}`;
  }

  async deleteStaffSession(sessionId: string): Promise<void> {
    await this.#sql`DELETE FROM staff_session WHERE id = ${sessionId}`;
  }

  async deleteExpiredStaffSessions(now: number): Promise<void> {
    await this.#sql`DELETE FROM staff_session WHERE expires_at <= ${now} OR ends_at <= ${now}`;
  }

  async findStaffByIdentity(issuer: string, subject: string): Promise<Staff | undefined> {
    const [row] = await this.#sql<PostgresStaffRow[]>`
      SELECT staff.* FROM staff_identity JOIN staff ON staff.id = staff_identity.staff_id
      WHERE issuer = ${issuer} AND subject = ${subject}`;
    return row ? toStaff(toStaffRow(row)) : undefined;
  }

  async createStaffWithIdentity(staff: Staff, identity: StaffIdentity): Promise<boolean> {
    return this.#sql.begin(async (tx) => {
      if ((await insertStaff(tx, staff, { unlessEmailTaken: true })) === 0) return false;
      if ((await insertIdentity(tx, identity)) === 1) return true;
      // The identity was linked meanwhile: the account made for it goes too.
      await tx`DELETE FROM staff WHERE id = ${staff.id}`;
      return false;
    });
  }

  async linkStaffIdentity(identity: StaffIdentity): Promise<boolean> {
    return (await insertIdentity(this.#sql, identity)) === 1;
  }

  async endProviderSessions(
    issuer: string,
    match: { sessionId?: string | undefined; subject?: string | undefined },
  ): Promise<StaffSession[]> {
    if (match.sessionId === undefined && match.subject === undefined) return [];
    // A logout token's sid, when it has one, names exactly the provider session; its sub alone
    // means every session of that account through this provider.
    const rows =
      match.sessionId !== undefined
        ? await this.#sql<StaffSessionRow[]>`
            DELETE FROM staff_session WHERE provider_issuer = ${issuer} AND provider_session_id = ${match.sessionId}
            RETURNING *`
        : await this.#sql<StaffSessionRow[]>`
            DELETE FROM staff_session WHERE provider_issuer = ${issuer}
              AND staff_id = (SELECT staff_id FROM staff_identity WHERE issuer = ${issuer} AND subject = ${match.subject!})
            RETURNING *`;
    return rows.map((row) => toStaffSession(row));
  }

  async createFamily({ family, children, network }: FamilyDetails, creatorStaffId: string): Promise<void> {
    await this.#sql.begin(async (tx) => {
      await tx`INSERT INTO family (id, name, created_at) VALUES (${family.id}, ${family.name}, ${family.createdAt})`;
      for (const [position, child] of children.entries())
        await tx`
          INSERT INTO child (id, family_id, position, name, born_on)
          VALUES (${child.id}, ${family.id}, ${position}, ${child.name}, ${child.bornOn ?? null})`;
      for (const [position, member] of network.entries())
        await tx`
          INSERT INTO network_member (id, family_id, position, name, relationship, contact)
          VALUES (${member.id}, ${family.id}, ${position}, ${member.name}, ${member.relationship},
                  ${member.contact ?? null})`;
      await tx`
        INSERT INTO family_access (family_id, staff_id, granted_at)
        VALUES (${family.id}, ${creatorStaffId}, ${family.createdAt})`;
    });
  }

  async getFamilyDetails(familyId: string): Promise<FamilyDetails | undefined> {
    const [family] = await this.#sql<FamilyRow[]>`SELECT * FROM family WHERE id = ${familyId}`;
    if (!family) return undefined;
    const children = await this.#sql<ChildRow[]>`
      SELECT * FROM child WHERE family_id = ${familyId} ORDER BY position`;
    const network = await this.#sql<NetworkMemberRow[]>`
      SELECT * FROM network_member WHERE family_id = ${familyId} ORDER BY position`;
    return {
      family: toFamily(family),
      children: children.map(toChild),
      network: network.map(toNetworkMember),
    };
  }

  async grantFamilyAccess(familyId: string, staffId: string, at: number): Promise<void> {
    await this.#sql`
      INSERT INTO family_access (family_id, staff_id, granted_at) VALUES (${familyId}, ${staffId}, ${at})
      ON CONFLICT DO NOTHING`;
  }

  async hasFamilyAccess(staffId: string, familyId: string): Promise<boolean> {
    const rows = await this.#sql`
      SELECT 1 FROM family_access WHERE staff_id = ${staffId} AND family_id = ${familyId}`;
    return rows.length > 0;
  }

  async listFamiliesOf(staffId: string): Promise<Family[]> {
    const rows = await this.#sql<FamilyRow[]>`
      SELECT family.* FROM family JOIN family_access ON family_access.family_id = family.id
      WHERE family_access.staff_id = ${staffId} ORDER BY family.name COLLATE "C", family.id COLLATE "C"`;
    return rows.map(toFamily);
  }

  async listMeetingsOfFamily(familyId: string): Promise<Meeting[]> {
    const rows = await this.#sql<MeetingRow[]>`
      SELECT * FROM meeting WHERE family_id = ${familyId} ORDER BY date DESC, created_at DESC`;
    return rows.map(toMeeting);
  }

  async openMeeting(meetingId: string, joinCode: string): Promise<OpenMeetingResult> {
    try {
      return await this.#sql.begin(async (tx): Promise<OpenMeetingResult> => {
        // The row lock makes two opens of one meeting take turns: the second keeps the first's code.
        const [row] = await tx<MeetingRow[]>`SELECT * FROM meeting WHERE id = ${meetingId} FOR UPDATE`;
        if (!row) return { outcome: 'not-found' };
        if (row.state === 'closed') return { outcome: 'closed' };
        if (row.join_code !== null && row.state !== 'preparing')
          return { outcome: 'opened', meeting: toMeeting(row) };
        const [holder] = await tx`SELECT 1 FROM meeting WHERE join_code = ${joinCode}`;
        if (holder) return { outcome: 'code-taken' };
        const state = row.state === 'preparing' ? 'open' : row.state;
        const [opened] = await tx<MeetingRow[]>`
          UPDATE meeting SET state = ${state}, join_code = ${joinCode} WHERE id = ${meetingId} RETURNING *`;
        return { outcome: 'opened', meeting: toMeeting(opened!) };
      });
    } catch (error) {
      // Another meeting took the code between the check and the write (another request, or server).
      if (isUniqueViolation(error, 'meeting_by_join_code')) return { outcome: 'code-taken' };
      throw error;
    }
  }

  async closeMeeting(meetingId: string): Promise<Meeting | undefined> {
    return this.#sql.begin(async (tx) => {
      const [row] = await tx<MeetingRow[]>`
        UPDATE meeting SET state = 'closed', join_code = NULL WHERE id = ${meetingId} RETURNING *`;
      if (!row) return undefined;
      await tx`
        UPDATE participant SET status = 'left'
        WHERE meeting_id = ${meetingId} AND status IN ('waiting', 'admitted')`;
      return toMeeting(row);
    });
  }

  async findMeetingByJoinCode(joinCode: string): Promise<Meeting | undefined> {
    const [row] = await this.#sql<MeetingRow[]>`
      SELECT * FROM meeting WHERE join_code = ${joinCode} AND state IN ('open', 'agreed')`;
    return row ? toMeeting(row) : undefined;
  }

  async addParticipant(participant: Participant): Promise<void> {
    await this.#sql`
      INSERT INTO participant (id, meeting_id, name, relationship, role, status, pass_hash, created_at,
                               admitted_by, admitted_at)
      VALUES (${participant.id}, ${participant.meetingId}, ${participant.name}, ${participant.relationship},
              ${participant.role ?? null}, ${participant.status}, ${participant.passHash}, ${participant.createdAt},
              ${participant.admittedBy ?? null}, ${participant.admittedAt ?? null})`;
  }

  async getParticipant(participantId: string): Promise<Participant | undefined> {
    const [row] = await this.#sql<ParticipantRow[]>`SELECT * FROM participant WHERE id = ${participantId}`;
    return row ? toParticipant(row) : undefined;
  }

  async listParticipants(meetingId: string): Promise<Participant[]> {
    const rows = await this.#sql<ParticipantRow[]>`
      SELECT * FROM participant WHERE meeting_id = ${meetingId} ORDER BY created_at, id COLLATE "C"`;
    return rows.map(toParticipant);
  }

  // Each change to a guest is one UPDATE ... RETURNING: atomic by itself, no transaction needed.

  async admitParticipant(
    participantId: string,
    role: GuestRole,
    by: string,
    at: number,
  ): Promise<Participant | undefined> {
    const [row] = await this.#sql<ParticipantRow[]>`
      UPDATE participant SET status = 'admitted', role = ${role}, admitted_by = ${by}, admitted_at = ${at}
      WHERE id = ${participantId} AND status IN ('waiting', 'refused') RETURNING *`;
    return row ? toParticipant(row) : undefined;
  }

  async refuseParticipant(participantId: string, by: string, at: number): Promise<Participant | undefined> {
    const [row] = await this.#sql<ParticipantRow[]>`
      UPDATE participant SET status = 'refused', role = NULL, admitted_by = ${by}, admitted_at = ${at}
      WHERE id = ${participantId} AND status IN ('waiting', 'admitted') RETURNING *`;
    return row ? toParticipant(row) : undefined;
  }

  async changeParticipantRole(participantId: string, role: GuestRole): Promise<Participant | undefined> {
    const [row] = await this.#sql<ParticipantRow[]>`
      UPDATE participant SET role = ${role} WHERE id = ${participantId} AND status = 'admitted' RETURNING *`;
    return row ? toParticipant(row) : undefined;
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    await this.#sql`
      INSERT INTO audit_log (at, actor_kind, actor_id, action, family_id, meeting_id, detail)
      VALUES (${entry.at}, ${entry.actorKind}, ${entry.actorId ?? null}, ${entry.action},
              ${entry.familyId ?? null}, ${entry.meetingId ?? null}, ${JSON.stringify(entry.detail)})`;
  }

  async listAuditOfFamily(familyId: string): Promise<AuditEntry[]> {
    const rows = await this.#sql<
      AuditRow[]
    >`SELECT * FROM audit_log WHERE family_id = ${familyId} ORDER BY id`;
    return rows.map(toAuditEntry);
  }

  async listAuditOfService(limit: number): Promise<AuditEntry[]> {
    const rows = await this.#sql<AuditRow[]>`
      SELECT * FROM audit_log WHERE family_id IS NULL ORDER BY id DESC LIMIT ${limit}`;
    return rows.map(toAuditEntry);
  }

  // Yjs client-id owners [STORE16]
  async loadClientOwners(documentName: string): Promise<ClientOwner[]> {
    const rows = await this.#sql<{ client_id: number; participant: string; first_seen: number }[]>`
      SELECT client_id, participant, first_seen FROM client_owner
      WHERE document_name = ${documentName} ORDER BY first_seen, client_id`;
    return rows.map((row) => ({
      client: row.client_id,
      participant: row.participant,
      firstSeen: row.first_seen,
    }));
  }

  // The chair's live meeting state [STORE17]
  async getMeetingLiveState(meetingId: string): Promise<StoredMeetingLiveState | undefined> {
    const [row] = await this.#sql<{ state: string }[]>`
      SELECT state FROM meeting_live_state WHERE meeting_id = ${meetingId}`;
    return row ? (JSON.parse(row.state) as StoredMeetingLiveState) : undefined;
  }

  async saveMeetingLiveState(state: StoredMeetingLiveState): Promise<void> {
    await this.#sql`
      INSERT INTO meeting_live_state (meeting_id, state, updated_at)
      VALUES (${state.meetingId}, ${JSON.stringify(state)}, ${Date.now()})
      ON CONFLICT (meeting_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`;
  }

  // Drawings [DRAW4]
  async saveDrawingImage(image: DrawingImage): Promise<void> {
    await this.#sql`
      INSERT INTO drawing_image (meeting_id, canvas, png, updated_at, updated_by)
      VALUES (${image.meetingId}, ${image.canvas}, ${image.png}, ${image.updatedAt}, ${image.updatedBy})
      ON CONFLICT (meeting_id, canvas) DO UPDATE
        SET png = excluded.png, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;
  }

  async listDrawingImages(meetingId: string): Promise<DrawingImage[]> {
    const rows = await this.#sql<DrawingImageRow[]>`
      SELECT canvas, png, updated_at, updated_by FROM drawing_image WHERE meeting_id = ${meetingId}`;
    return drawingImagesInOrder(meetingId, rows);
  }

  // Scaling rounds and answers [STORE18]
  async startScalingRound(round: ScalingRoundRecord): Promise<void> {
    await this.#sql`
      INSERT INTO scaling_round (id, meeting_id, question_id, question, named, open, started_at, started_by)
      VALUES (${round.id}, ${round.meetingId}, ${round.question.questionId}, ${JSON.stringify(round.question)},
              ${round.named ? 1 : 0}, ${round.open ? 1 : 0}, ${round.startedAt}, ${round.startedBy})`;
  }

  async getScalingRound(roundId: string): Promise<ScalingRoundRecord | undefined> {
    const [row] = await this.#sql<ScalingRoundRow[]>`SELECT * FROM scaling_round WHERE id = ${roundId}`;
    return row ? toScalingRound(row) : undefined;
  }

  async latestScalingRound(meetingId: string): Promise<ScalingRoundRecord | undefined> {
    const [row] = await this.#sql<ScalingRoundRow[]>`
      SELECT * FROM scaling_round WHERE meeting_id = ${meetingId} ORDER BY started_at DESC, seq DESC LIMIT 1`;
    return row ? toScalingRound(row) : undefined;
  }

  async saveScalingAnswer(answer: ScalingAnswerRecord): Promise<SaveScalingAnswerResult> {
    return this.#sql.begin(async (tx) => {
      // The row lock orders an answer against a reveal or close racing it through another server.
      const [round] = await tx<ScalingRoundRow[]>`
        SELECT * FROM scaling_round WHERE id = ${answer.roundId} FOR UPDATE`;
      if (!round) return 'not-found';
      if (round.revealed_at !== null) return 'revealed';
      if (round.closed_at !== null) return 'closed';
      await tx`
        INSERT INTO scaling_answer (round_id, participant_key, name, role, value, reason, answered_at)
        VALUES (${answer.roundId}, ${answer.participantKey}, ${answer.name}, ${answer.role}, ${answer.value},
                ${answer.reason}, ${answer.answeredAt})
        ON CONFLICT (round_id, participant_key) DO UPDATE SET
          name = excluded.name, role = excluded.role, value = excluded.value,
          reason = excluded.reason, answered_at = excluded.answered_at`;
      return 'saved' as const;
    });
  }

  async listScalingAnswers(roundId: string): Promise<ScalingAnswerRecord[]> {
    const rows = await this.#sql<ScalingAnswerRow[]>`
      SELECT * FROM scaling_answer WHERE round_id = ${roundId} ORDER BY seq`;
    return rows.map(toScalingAnswer);
  }

  async revealScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined> {
    const [row] = await this.#sql<ScalingRoundRow[]>`
      UPDATE scaling_round SET revealed_at = ${at}
      WHERE id = ${roundId} AND revealed_at IS NULL AND closed_at IS NULL RETURNING *`;
    return row ? toScalingRound(row) : undefined;
  }

  async closeScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined> {
    const [row] = await this.#sql<ScalingRoundRow[]>`
      UPDATE scaling_round SET closed_at = ${at} WHERE id = ${roundId} AND closed_at IS NULL RETURNING *`;
    return row ? toScalingRound(row) : undefined;
  }

  async listRevealedScalingOfFamily(familyId: string): Promise<RevealedScalingRecord[]> {
    const meetings = new Map(
      (await this.#sql<MeetingRow[]>`SELECT * FROM meeting WHERE family_id = ${familyId}`).map((row) => [
        row.id,
        toMeeting(row),
      ]),
    );
    const rounds = (
      await this.#sql<ScalingRoundRow[]>`
        SELECT scaling_round.* FROM scaling_round JOIN meeting ON meeting.id = scaling_round.meeting_id
        WHERE meeting.family_id = ${familyId} AND scaling_round.revealed_at IS NOT NULL
        ORDER BY meeting.date, scaling_round.revealed_at, scaling_round.seq`
    ).map(toScalingRound);
    const answers = rounds.length
      ? await this.#sql<ScalingAnswerRow[]>`
          SELECT * FROM scaling_answer WHERE round_id IN ${this.#sql(rounds.map((round) => round.id))} ORDER BY seq`
      : [];
    return rounds.map((round) => ({
      meeting: meetings.get(round.meetingId)!,
      round,
      answers: answers.filter((row) => row.round_id === round.id).map(toScalingAnswer),
    }));
  }

  // The safety plan [STORE19]: its SQL is in postgres-plan.ts.
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
    if (this.#closed) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#sql`SELECT 1`,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('PostgreSQL did not answer in time')), healthTimeoutMs);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Lets queries already sent finish (for up to 5 s), then closes every connection. The bound
    // matters: after the database dropped a connection, postgres.js 3.4.9's end() would
    // otherwise wait forever (porsager/postgres#1097).
    await this.#sql.end({ timeout: 5 });
  }
}

/** Inserts document updates in the order given, so their ids (and load order) follow it [STORE2]. */
async function insertUpdates(
  sql: Queryable,
  updates: readonly DocumentUpdate[],
  createdAt: number,
): Promise<void> {
  for (let start = 0; start < updates.length; start += rowsPerInsert) {
    const rows = updates.slice(start, start + rowsPerInsert).map(({ documentName, update, origin }) => ({
      document_name: documentName,
      data: update,
      origin: origin ?? null,
      created_at: createdAt,
    }));
    await sql`INSERT INTO document_update ${sql(rows, 'document_name', 'data', 'origin', 'created_at')}`;
  }
  const owners = updates.flatMap(({ documentName, owners: claimed }) =>
    (claimed ?? []).map(({ client, participant, firstSeen }) => ({
      document_name: documentName,
      client_id: client,
      participant,
      first_seen: firstSeen,
    })),
  );
  // The first owner stays: a later claim of the same id is ignored [STORE16].
  for (let start = 0; start < owners.length; start += rowsPerInsert)
    await sql`
      INSERT INTO client_owner ${sql(owners.slice(start, start + rowsPerInsert), 'document_name', 'client_id', 'participant', 'first_seen')}
      ON CONFLICT DO NOTHING`;
}

/** Inserts a staff account; with `unlessEmailTaken`, a taken email inserts nothing. Returns the rows inserted. */
async function insertStaff(
  sql: Queryable,
  staff: Staff,
  options: { unlessEmailTaken?: boolean } = {},
): Promise<number> {
  const result = await sql`
    INSERT INTO staff (id, email, name, password_hash, role, created_at, disabled)
    VALUES (${staff.id}, ${staff.email}, ${staff.name}, ${staff.passwordHash}, ${staff.role}, ${staff.createdAt},
            ${staff.disabled})
    ${options.unlessEmailTaken ? sql`ON CONFLICT (email) DO NOTHING` : sql``}`;
  return result.count;
}

/** Inserts the identity unless its (issuer, subject), or the account at that issuer, is taken; 1 if inserted. */
async function insertIdentity(sql: Queryable, identity: StaffIdentity): Promise<number> {
  const result = await sql`
    INSERT INTO staff_identity (issuer, subject, staff_id, created_at)
    VALUES (${identity.issuer}, ${identity.subject}, ${identity.staffId}, ${identity.createdAt})
    ON CONFLICT DO NOTHING`;
  return result.count;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    error instanceof postgres.PostgresError && error.code === '23505' && error.constraint_name === constraint
  );
}

/** Where a PostgreSQL URL points, without its user or password: for messages and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
