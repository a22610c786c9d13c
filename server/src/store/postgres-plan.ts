import type postgres from 'postgres';
import { agreedBoardSchema, documentParts, type DocumentPart } from '@kinboard/shared';
import {
  toPlanAnswer,
  toPlanOffer,
  type PlanAnswerRow,
  type PlanOfferRow,
  type PlanStageRow,
  type PlanVersionRow,
} from './sqlite-plan.ts';
import type { AgreedPlanVersion, PlanAgreementState, PlanAnswerRecord, PlanOfferRecord } from './store.ts';

type Sql = postgres.Sql<{ bigint: number }>;
type Queryable = Sql | postgres.TransactionSql<{ bigint: number }>;

/**
 * The plan's tables on PostgreSQL [STORE19]: migration 6 in postgres-migrations.ts. Each change
 * of stage locks the meeting's stage row (or, for a meeting that has none yet, the meeting row),
 * so two servers deciding the same plan at once take turns, as SQLite's one writer does.
 */
export class PostgresPlan {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async getPlanAgreement(meetingId: string): Promise<PlanAgreementState> {
    return stateOf(this.#sql, meetingId);
  }

  async startPlanAgreement(meetingId: string, at: number): Promise<PlanAgreementState | undefined> {
    return this.#sql.begin(async (tx) => {
      await lockPlan(tx, meetingId);
      const state = await stateOf(tx, meetingId);
      if (state.stage !== 'drafting') return undefined;
      const next: PlanAgreementState = {
        meetingId,
        stage: 'agreeing',
        round: (await lastVersion(tx, meetingId)) + 1,
        startedAt: at,
      };
      await setState(tx, next);
      return next;
    });
  }

  async reopenPlan(meetingId: string): Promise<PlanAgreementState> {
    return this.#sql.begin(async (tx) => {
      await lockPlan(tx, meetingId);
      const state = await stateOf(tx, meetingId);
      const next: PlanAgreementState = {
        meetingId,
        stage: 'drafting',
        round: await lastVersion(tx, meetingId),
      };
      if (state.stage !== 'drafting') await setState(tx, next);
      await tx`UPDATE meeting SET state = 'open' WHERE id = ${meetingId} AND state = 'agreed'`;
      return next;
    });
  }

  async recordPlanAnswer(answer: PlanAnswerRecord): Promise<boolean> {
    return this.#sql.begin(async (tx) => {
      await lockPlan(tx, answer.meetingId);
      const state = await stateOf(tx, answer.meetingId);
      if (state.stage !== 'agreeing' || state.round !== answer.round) return false;
      await tx`
        INSERT INTO plan_answer (meeting_id, round, participant_key, name, role, agrees, reason, at)
        VALUES (${answer.meetingId}, ${answer.round}, ${answer.participantKey}, ${answer.name}, ${answer.role},
                ${answer.agrees ? 1 : 0}, ${answer.reason ?? null}, ${answer.at})
        ON CONFLICT (meeting_id, round, participant_key) DO UPDATE SET
          name = excluded.name, role = excluded.role, agrees = excluded.agrees, reason = excluded.reason,
          at = excluded.at`;
      return true;
    });
  }

  async listPlanAnswers(meetingId: string, round: number): Promise<PlanAnswerRecord[]> {
    const rows = await this.#sql<PlanAnswerRow[]>`
      SELECT * FROM plan_answer WHERE meeting_id = ${meetingId} AND round = ${round}
      ORDER BY at, participant_key COLLATE "C"`;
    return rows.map(toPlanAnswer);
  }

  async finalisePlanVersion(version: AgreedPlanVersion): Promise<boolean> {
    return this.#sql.begin(async (tx) => {
      await lockPlan(tx, version.meetingId);
      const state = await stateOf(tx, version.meetingId);
      if (state.stage !== 'agreeing' || state.round !== version.version) return false;
      await tx`
        INSERT INTO plan_version (meeting_id, version, family_id, started_at, agreed_at, agreed_by, board,
                                  participants, answers)
        VALUES (${version.meetingId}, ${version.version}, ${version.familyId}, ${version.startedAt},
                ${version.agreedAt}, ${version.agreedBy}, ${JSON.stringify(version.board)},
                ${JSON.stringify(version.participants)}, ${JSON.stringify(version.answers)})`;
      for (const { part, data } of version.documents)
        await tx`
          INSERT INTO plan_version_document (meeting_id, version, part, data)
          VALUES (${version.meetingId}, ${version.version}, ${part}, ${data})`;
      await setState(tx, {
        meetingId: version.meetingId,
        stage: 'agreed',
        round: version.version,
        startedAt: version.startedAt,
      });
      await tx`UPDATE meeting SET state = 'agreed' WHERE id = ${version.meetingId} AND state = 'open'`;
      return true;
    });
  }

  async listPlanVersions(meetingId: string): Promise<{ version: number; agreedAt: number }[]> {
    const rows = await this.#sql<{ version: number; agreed_at: number }[]>`
      SELECT version, agreed_at FROM plan_version WHERE meeting_id = ${meetingId} ORDER BY version`;
    return rows.map((row) => ({ version: row.version, agreedAt: row.agreed_at }));
  }

  async getPlanVersion(meetingId: string, version: number): Promise<AgreedPlanVersion | undefined> {
    const [row] = await this.#sql<PlanVersionRow[]>`
      SELECT * FROM plan_version WHERE meeting_id = ${meetingId} AND version = ${version}`;
    return row ? this.#version(row) : undefined;
  }

  async listPlanVersionsOfFamily(familyId: string): Promise<AgreedPlanVersion[]> {
    const rows = await this.#sql<PlanVersionRow[]>`
      SELECT * FROM plan_version WHERE family_id = ${familyId}
      ORDER BY agreed_at, meeting_id COLLATE "C", version`;
    return Promise.all(rows.map((row) => this.#version(row)));
  }

  async addPlanOffer(offer: PlanOfferRecord): Promise<void> {
    await this.#sql`
      INSERT INTO plan_offer (id, meeting_id, rule_id, participant_key, name, status, at)
      VALUES (${offer.id}, ${offer.meetingId}, ${offer.ruleId}, ${offer.participantKey}, ${offer.name},
              ${offer.status}, ${offer.at})`;
  }

  async decidePlanOffer(
    offerId: string,
    confirmed: boolean,
    by: string,
    at: number,
  ): Promise<PlanOfferRecord | undefined> {
    const [row] = await this.#sql<PlanOfferRow[]>`
      UPDATE plan_offer SET status = ${confirmed ? 'confirmed' : 'declined'}, decided_at = ${at}, decided_by = ${by}
      WHERE id = ${offerId} AND status = 'waiting' RETURNING *`;
    return row ? toPlanOffer(row) : undefined;
  }

  async listPlanOffers(meetingId: string): Promise<PlanOfferRecord[]> {
    const rows = await this.#sql<PlanOfferRow[]>`
      SELECT * FROM plan_offer WHERE meeting_id = ${meetingId} ORDER BY at, id COLLATE "C"`;
    return rows.map(toPlanOffer);
  }

  async #version(row: PlanVersionRow): Promise<AgreedPlanVersion> {
    const documents = await this.#sql<{ part: string; data: Uint8Array }[]>`
      SELECT part, data FROM plan_version_document
      WHERE meeting_id = ${row.meeting_id} AND version = ${row.version} ORDER BY part COLLATE "C"`;
    return {
      meetingId: row.meeting_id,
      familyId: row.family_id,
      version: row.version,
      startedAt: row.started_at,
      agreedAt: row.agreed_at,
      agreedBy: row.agreed_by,
      documents: documents
        .filter((doc) => (documentParts as readonly string[]).includes(doc.part))
        .map((doc) => ({ part: doc.part as DocumentPart, data: new Uint8Array(doc.data) })),
      board: agreedBoardSchema.parse(JSON.parse(row.board)),
      participants: JSON.parse(row.participants) as AgreedPlanVersion['participants'],
      answers: JSON.parse(row.answers) as PlanAnswerRecord[],
    };
  }
}

/** Serialises every change to one meeting's plan: its meeting row is the lock. */
async function lockPlan(tx: Queryable, meetingId: string): Promise<void> {
  await tx`SELECT id FROM meeting WHERE id = ${meetingId} FOR UPDATE`;
}

async function lastVersion(sql: Queryable, meetingId: string): Promise<number> {
  const [row] = await sql<{ version: number | null }[]>`
    SELECT max(version) AS version FROM plan_version WHERE meeting_id = ${meetingId}`;
  return row?.version ?? 0;
}

async function stateOf(sql: Queryable, meetingId: string): Promise<PlanAgreementState> {
  const [row] = await sql<PlanStageRow[]>`SELECT * FROM plan_stage WHERE meeting_id = ${meetingId}`;
  if (row) return { meetingId, stage: row.stage, round: row.round, startedAt: row.started_at ?? undefined };
  return { meetingId, stage: 'drafting', round: await lastVersion(sql, meetingId) };
}

async function setState(sql: Queryable, state: PlanAgreementState): Promise<void> {
  await sql`
    INSERT INTO plan_stage (meeting_id, stage, round, started_at)
    VALUES (${state.meetingId}, ${state.stage}, ${state.round}, ${state.startedAt ?? null})
    ON CONFLICT (meeting_id) DO UPDATE SET
      stage = excluded.stage, round = excluded.round, started_at = excluded.started_at`;
}
