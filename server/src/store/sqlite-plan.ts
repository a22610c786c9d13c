import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { agreedBoardSchema, documentParts, type DocumentPart } from '@kinboard/shared';
import type { AgreedPlanVersion, PlanAgreementState, PlanAnswerRecord, PlanOfferRecord } from './store.ts';

/**
 * The plan's tables [STORE19]. Agreed versions and their documents are append-only: triggers
 * refuse to change or delete them, so the record of what was agreed stays exactly as agreed
 * whatever the code above does [PLAN6].
 */
export const planMigration = `CREATE TABLE plan_stage (
     meeting_id TEXT PRIMARY KEY REFERENCES meeting (id),
     stage TEXT NOT NULL CHECK (stage IN ('drafting', 'agreeing', 'agreed')),
     round INTEGER NOT NULL,
     started_at INTEGER
   );
   CREATE TABLE plan_answer (
     meeting_id TEXT NOT NULL REFERENCES meeting (id),
     round INTEGER NOT NULL,
     participant_key TEXT NOT NULL,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     agrees INTEGER NOT NULL,
     reason TEXT,
     at INTEGER NOT NULL,
     PRIMARY KEY (meeting_id, round, participant_key)
   );
   CREATE TABLE plan_offer (
     id TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meeting (id),
     rule_id TEXT NOT NULL,
     participant_key TEXT NOT NULL,
     name TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('waiting', 'confirmed', 'declined')),
     at INTEGER NOT NULL,
     decided_at INTEGER,
     decided_by TEXT
   );
   CREATE INDEX plan_offer_by_meeting ON plan_offer (meeting_id, at);
   CREATE TABLE plan_version (
     meeting_id TEXT NOT NULL REFERENCES meeting (id),
     version INTEGER NOT NULL,
     family_id TEXT NOT NULL REFERENCES family (id),
     started_at INTEGER NOT NULL,
     agreed_at INTEGER NOT NULL,
     agreed_by TEXT NOT NULL,
     board TEXT NOT NULL,
     participants TEXT NOT NULL,
     answers TEXT NOT NULL,
     PRIMARY KEY (meeting_id, version)
   );
   CREATE INDEX plan_version_by_family ON plan_version (family_id, agreed_at);
   CREATE TABLE plan_version_document (
     meeting_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     part TEXT NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (meeting_id, version, part),
     FOREIGN KEY (meeting_id, version) REFERENCES plan_version (meeting_id, version)
   );
   CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version
     BEGIN SELECT RAISE(ABORT, 'an agreed plan never changes'); END;
   CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version
     BEGIN SELECT RAISE(ABORT, 'an agreed plan never changes'); END;
   CREATE TRIGGER plan_version_document_no_update BEFORE UPDATE ON plan_version_document
     BEGIN SELECT RAISE(ABORT, 'an agreed plan never changes'); END;
   CREATE TRIGGER plan_version_document_no_delete BEFORE DELETE ON plan_version_document
     BEGIN SELECT RAISE(ABORT, 'an agreed plan never changes'); END;`;

export interface PlanStageRow {
  meeting_id: string;
  stage: PlanAgreementState['stage'];
  round: number;
  started_at: number | null;
}
export interface PlanAnswerRow {
  meeting_id: string;
  round: number;
  participant_key: string;
  name: string;
  role: string;
  agrees: number;
  reason: string | null;
  at: number;
}
export interface PlanOfferRow {
  id: string;
  meeting_id: string;
  rule_id: string;
  participant_key: string;
  name: string;
  status: PlanOfferRecord['status'];
  at: number;
  decided_at: number | null;
  decided_by: string | null;
}
export interface PlanVersionRow {
  meeting_id: string;
  version: number;
  family_id: string;
  started_at: number;
  agreed_at: number;
  agreed_by: string;
  board: string;
  participants: string;
  answers: string;
}

export const toPlanAnswer = (row: PlanAnswerRow): PlanAnswerRecord => ({
  meetingId: row.meeting_id,
  round: row.round,
  participantKey: row.participant_key,
  name: row.name,
  role: row.role,
  agrees: row.agrees === 1,
  reason: row.reason ?? undefined,
  at: row.at,
});

export const toPlanOffer = (row: PlanOfferRow): PlanOfferRecord => ({
  id: row.id,
  meetingId: row.meeting_id,
  ruleId: row.rule_id,
  participantKey: row.participant_key,
  name: row.name,
  status: row.status,
  at: row.at,
  decidedAt: row.decided_at ?? undefined,
  decidedBy: row.decided_by ?? undefined,
});

/** The plan half of SqliteStore: same connection, same transactions. */
export class SqlitePlan {
  readonly #db: DatabaseSync;
  readonly #transaction: <T>(work: () => T) => T;

  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    this.#db = db;
    this.#transaction = transaction;
  }

  #get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.#db.prepare(sql).get(...params) as T | undefined;
  }
  #all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.#db.prepare(sql).all(...params) as T[];
  }
  #run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#db.prepare(sql).run(...params).changes);
  }

  #state(meetingId: string): PlanAgreementState {
    const row = this.#get<PlanStageRow>('SELECT * FROM plan_stage WHERE meeting_id = ?', meetingId);
    if (row) return { meetingId, stage: row.stage, round: row.round, startedAt: row.started_at ?? undefined };
    const last = this.#get<{ version: number | null }>(
      'SELECT max(version) AS version FROM plan_version WHERE meeting_id = ?',
      meetingId,
    );
    return { meetingId, stage: 'drafting', round: last?.version ?? 0 };
  }

  #setState(state: PlanAgreementState): void {
    this.#run(
      `INSERT INTO plan_stage (meeting_id, stage, round, started_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET stage = excluded.stage, round = excluded.round, started_at = excluded.started_at`,
      state.meetingId,
      state.stage,
      state.round,
      state.startedAt ?? null,
    );
  }

  async getPlanAgreement(meetingId: string): Promise<PlanAgreementState> {
    return this.#state(meetingId);
  }

  async startPlanAgreement(meetingId: string, at: number): Promise<PlanAgreementState | undefined> {
    return this.#transaction(() => {
      const state = this.#state(meetingId);
      if (state.stage !== 'drafting') return undefined;
      const last = this.#get<{ version: number | null }>(
        'SELECT max(version) AS version FROM plan_version WHERE meeting_id = ?',
        meetingId,
      );
      const next: PlanAgreementState = {
        meetingId,
        stage: 'agreeing',
        round: (last?.version ?? 0) + 1,
        startedAt: at,
      };
      this.#setState(next);
      return next;
    });
  }

  async reopenPlan(meetingId: string): Promise<PlanAgreementState> {
    return this.#transaction(() => {
      const state = this.#state(meetingId);
      const last = this.#get<{ version: number | null }>(
        'SELECT max(version) AS version FROM plan_version WHERE meeting_id = ?',
        meetingId,
      );
      const next: PlanAgreementState = { meetingId, stage: 'drafting', round: last?.version ?? 0 };
      if (state.stage !== 'drafting') this.#setState(next);
      this.#run("UPDATE meeting SET state = 'open' WHERE id = ? AND state = 'agreed'", meetingId);
      return next;
    });
  }

  async recordPlanAnswer(answer: PlanAnswerRecord): Promise<boolean> {
    return this.#transaction(() => {
      const state = this.#state(answer.meetingId);
      if (state.stage !== 'agreeing' || state.round !== answer.round) return false;
      this.#run(
        `INSERT INTO plan_answer (meeting_id, round, participant_key, name, role, agrees, reason, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, round, participant_key) DO UPDATE SET
           name = excluded.name, role = excluded.role, agrees = excluded.agrees, reason = excluded.reason, at = excluded.at`,
        answer.meetingId,
        answer.round,
        answer.participantKey,
        answer.name,
        answer.role,
        answer.agrees ? 1 : 0,
        answer.reason ?? null,
        answer.at,
      );
      return true;
    });
  }

  async listPlanAnswers(meetingId: string, round: number): Promise<PlanAnswerRecord[]> {
    return this.#all<PlanAnswerRow>(
      'SELECT * FROM plan_answer WHERE meeting_id = ? AND round = ? ORDER BY at, participant_key',
      meetingId,
      round,
    ).map(toPlanAnswer);
  }

  async finalisePlanVersion(version: AgreedPlanVersion): Promise<boolean> {
    return this.#transaction(() => {
      const state = this.#state(version.meetingId);
      if (state.stage !== 'agreeing' || state.round !== version.version) return false;
      this.#run(
        `INSERT INTO plan_version (meeting_id, version, family_id, started_at, agreed_at, agreed_by, board, participants, answers)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        version.meetingId,
        version.version,
        version.familyId,
        version.startedAt,
        version.agreedAt,
        version.agreedBy,
        JSON.stringify(version.board),
        JSON.stringify(version.participants),
        JSON.stringify(version.answers),
      );
      for (const { part, data } of version.documents)
        this.#run(
          'INSERT INTO plan_version_document (meeting_id, version, part, data) VALUES (?, ?, ?, ?)',
          version.meetingId,
          version.version,
          part,
          data,
        );
      this.#setState({
        meetingId: version.meetingId,
        stage: 'agreed',
        round: version.version,
        startedAt: version.startedAt,
      });
      this.#run("UPDATE meeting SET state = 'agreed' WHERE id = ? AND state = 'open'", version.meetingId);
      return true;
    });
  }

  async listPlanVersions(meetingId: string): Promise<{ version: number; agreedAt: number }[]> {
    return this.#all<{ version: number; agreed_at: number }>(
      'SELECT version, agreed_at FROM plan_version WHERE meeting_id = ? ORDER BY version',
      meetingId,
    ).map((row) => ({ version: row.version, agreedAt: row.agreed_at }));
  }

  #version(row: PlanVersionRow): AgreedPlanVersion {
    const documents = this.#all<{ part: string; data: Uint8Array }>(
      'SELECT part, data FROM plan_version_document WHERE meeting_id = ? AND version = ? ORDER BY part',
      row.meeting_id,
      row.version,
    )
      .filter((doc) => (documentParts as readonly string[]).includes(doc.part))
      .map((doc) => ({ part: doc.part as DocumentPart, data: new Uint8Array(doc.data) }));
    return {
      meetingId: row.meeting_id,
      familyId: row.family_id,
      version: row.version,
      startedAt: row.started_at,
      agreedAt: row.agreed_at,
      agreedBy: row.agreed_by,
      documents,
      board: agreedBoardSchema.parse(JSON.parse(row.board)),
      participants: JSON.parse(row.participants) as AgreedPlanVersion['participants'],
      answers: JSON.parse(row.answers) as PlanAnswerRecord[],
    };
  }

  async getPlanVersion(meetingId: string, version: number): Promise<AgreedPlanVersion | undefined> {
    const row = this.#get<PlanVersionRow>(
      'SELECT * FROM plan_version WHERE meeting_id = ? AND version = ?',
      meetingId,
      version,
    );
    return row ? this.#version(row) : undefined;
  }

  async listPlanVersionsOfFamily(familyId: string): Promise<AgreedPlanVersion[]> {
    return this.#all<PlanVersionRow>(
      'SELECT * FROM plan_version WHERE family_id = ? ORDER BY agreed_at, meeting_id, version',
      familyId,
    ).map((row) => this.#version(row));
  }

  async addPlanOffer(offer: PlanOfferRecord): Promise<void> {
    this.#run(
      'INSERT INTO plan_offer (id, meeting_id, rule_id, participant_key, name, status, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      offer.id,
      offer.meetingId,
      offer.ruleId,
      offer.participantKey,
      offer.name,
      offer.status,
      offer.at,
    );
  }

  async decidePlanOffer(
    offerId: string,
    confirmed: boolean,
    by: string,
    at: number,
  ): Promise<PlanOfferRecord | undefined> {
    return this.#transaction(() => {
      const changed = this.#run(
        "UPDATE plan_offer SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'waiting'",
        confirmed ? 'confirmed' : 'declined',
        at,
        by,
        offerId,
      );
      if (changed === 0) return undefined;
      return toPlanOffer(this.#get<PlanOfferRow>('SELECT * FROM plan_offer WHERE id = ?', offerId)!);
    });
  }

  async listPlanOffers(meetingId: string): Promise<PlanOfferRecord[]> {
    return this.#all<PlanOfferRow>(
      'SELECT * FROM plan_offer WHERE meeting_id = ? ORDER BY at, id',
      meetingId,
    ).map(toPlanOffer);
  }
}
