import { agreedBoardSchema, documentParts, type DocumentPart } from '@kinboard/shared';
import type { Selectable } from 'kysely';
import type { Database, Queryable } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type { StoreDialect } from '../dialect.ts';
import type { AgreedPlanVersion, PlanAgreementState, PlanAnswerRecord, PlanOfferRecord } from '../records.ts';

/**
 * The safety plan [STORE19]: its stage, answers, offers and agreed versions. Agreed versions and
 * their documents are append-only: the database refuses to change or delete them, so the record
 * of what was agreed stays exactly as agreed whatever the code above does [PLAN6].
 */
export interface PlanRecords {
  /** The plan's stage; `drafting` with round = the last version (0 for none) if never agreed. */
  getPlanAgreement(meetingId: string): Promise<PlanAgreementState>;
  /** From drafting (or agreed, to amend: see reopenPlan) to agreeing; undefined if already agreeing. */
  startPlanAgreement(meetingId: string, at: number): Promise<PlanAgreementState | undefined>;
  /** Back to drafting; an agreed meeting is open again. Agreed versions are kept as they are. */
  reopenPlan(meetingId: string): Promise<PlanAgreementState>;
  /** Keeps a person's answer in the current round (a later answer replaces their earlier one). False unless agreeing in that round. */
  recordPlanAnswer(answer: PlanAnswerRecord): Promise<boolean>;
  listPlanAnswers(meetingId: string, round: number): Promise<PlanAnswerRecord[]>;
  /**
   * Stores the agreed version, sets the plan agreed and the meeting `agreed`, atomically. False
   * (nothing stored) unless the plan is agreeing in exactly this round.
   */
  finalisePlanVersion(version: AgreedPlanVersion): Promise<boolean>;
  /** A meeting's agreed versions, oldest first, without their documents. */
  listPlanVersions(meetingId: string): Promise<{ version: number; agreedAt: number }[]>;
  getPlanVersion(meetingId: string, version: number): Promise<AgreedPlanVersion | undefined>;
  /** Every agreed version of the family's meetings, oldest first (documents included). */
  listPlanVersionsOfFamily(familyId: string): Promise<AgreedPlanVersion[]>;
  addPlanOffer(offer: PlanOfferRecord): Promise<void>;
  /** Decides a waiting offer; undefined if unknown or already decided. */
  decidePlanOffer(
    offerId: string,
    confirmed: boolean,
    by: string,
    at: number,
  ): Promise<PlanOfferRecord | undefined>;
  listPlanOffers(meetingId: string): Promise<PlanOfferRecord[]>;
}

const toPlanAnswer = (row: Selectable<Database['plan_answer']>): PlanAnswerRecord => ({
  meetingId: row.meeting_id,
  round: row.round,
  participantKey: row.participant_key,
  name: row.name,
  role: row.role,
  agrees: row.agrees === 1,
  reason: row.reason ?? undefined,
  at: row.at,
});

const toPlanOffer = (row: Selectable<Database['plan_offer']>): PlanOfferRecord => ({
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

/** Serialises every change to one meeting's plan across servers: its meeting row is the lock. */
async function lockPlan(trx: Queryable, dialect: StoreDialect, meetingId: string): Promise<void> {
  await dialect.forUpdate(trx.selectFrom('meeting').select('id').where('id', '=', meetingId)).execute();
}

async function lastVersion(db: Queryable, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_version')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row?.version == null ? 0 : Number(row.version);
}

async function stateOf(db: Queryable, meetingId: string): Promise<PlanAgreementState> {
  const row = await db
    .selectFrom('plan_stage')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (row) return { meetingId, stage: row.stage, round: row.round, startedAt: row.started_at ?? undefined };
  return { meetingId, stage: 'drafting', round: await lastVersion(db, meetingId) };
}

async function setState(db: Queryable, state: PlanAgreementState): Promise<void> {
  await db
    .insertInto('plan_stage')
    .values({
      meeting_id: state.meetingId,
      stage: state.stage,
      round: state.round,
      started_at: state.startedAt ?? null,
    })
    .onConflict((conflict) =>
      conflict.column('meeting_id').doUpdateSet((eb) => ({
        stage: eb.ref('excluded.stage'),
        round: eb.ref('excluded.round'),
        started_at: eb.ref('excluded.started_at'),
      })),
    )
    .execute();
}

export function planRecords({ db, dialect }: StoreContext): PlanRecords {
  /** A change of stage: the plan's lock, then its state, in one transaction. */
  const change = <T>(meetingId: string, work: (trx: Queryable, state: PlanAgreementState) => Promise<T>) =>
    db.transaction().execute(async (trx) => {
      await lockPlan(trx, dialect, meetingId);
      return work(trx, await stateOf(trx, meetingId));
    });

  const withDocuments = async (row: Selectable<Database['plan_version']>): Promise<AgreedPlanVersion> => {
    const documents = await db
      .selectFrom('plan_version_document')
      .select(['part', 'data'])
      .where('meeting_id', '=', row.meeting_id)
      .where('version', '=', row.version)
      .orderBy(dialect.byCodePoint('part'))
      .execute();
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
  };

  return {
    getPlanAgreement: (meetingId) => stateOf(db, meetingId),

    startPlanAgreement: (meetingId, at) =>
      change(meetingId, async (trx, state) => {
        if (state.stage !== 'drafting') return undefined;
        const next: PlanAgreementState = {
          meetingId,
          stage: 'agreeing',
          round: (await lastVersion(trx, meetingId)) + 1,
          startedAt: at,
        };
        await setState(trx, next);
        return next;
      }),

    reopenPlan: (meetingId) =>
      change(meetingId, async (trx, state) => {
        const next: PlanAgreementState = {
          meetingId,
          stage: 'drafting',
          round: await lastVersion(trx, meetingId),
        };
        if (state.stage !== 'drafting') await setState(trx, next);
        await trx
          .updateTable('meeting')
          .set({ state: 'open' })
          .where('id', '=', meetingId)
          .where('state', '=', 'agreed')
          .execute();
        return next;
      }),

    recordPlanAnswer: (answer) =>
      change(answer.meetingId, async (trx, state) => {
        if (state.stage !== 'agreeing' || state.round !== answer.round) return false;
        await trx
          .insertInto('plan_answer')
          .values({
            meeting_id: answer.meetingId,
            round: answer.round,
            participant_key: answer.participantKey,
            name: answer.name,
            role: answer.role,
            agrees: answer.agrees ? 1 : 0,
            reason: answer.reason ?? null,
            at: answer.at,
          })
          .onConflict((conflict) =>
            conflict.columns(['meeting_id', 'round', 'participant_key']).doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              role: eb.ref('excluded.role'),
              agrees: eb.ref('excluded.agrees'),
              reason: eb.ref('excluded.reason'),
              at: eb.ref('excluded.at'),
            })),
          )
          .execute();
        return true;
      }),

    async listPlanAnswers(meetingId, round) {
      const rows = await db
        .selectFrom('plan_answer')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .where('round', '=', round)
        .orderBy('at')
        .orderBy(dialect.byCodePoint('participant_key'))
        .execute();
      return rows.map(toPlanAnswer);
    },

    finalisePlanVersion: (version) =>
      change(version.meetingId, async (trx, state) => {
        if (state.stage !== 'agreeing' || state.round !== version.version) return false;
        await trx
          .insertInto('plan_version')
          .values({
            meeting_id: version.meetingId,
            version: version.version,
            family_id: version.familyId,
            started_at: version.startedAt,
            agreed_at: version.agreedAt,
            agreed_by: version.agreedBy,
            board: JSON.stringify(version.board),
            participants: JSON.stringify(version.participants),
            answers: JSON.stringify(version.answers),
          })
          .execute();
        if (version.documents.length > 0)
          await trx
            .insertInto('plan_version_document')
            .values(
              version.documents.map(({ part, data }) => ({
                meeting_id: version.meetingId,
                version: version.version,
                part,
                data,
              })),
            )
            .execute();
        await setState(trx, {
          meetingId: version.meetingId,
          stage: 'agreed',
          round: version.version,
          startedAt: version.startedAt,
        });
        await trx
          .updateTable('meeting')
          .set({ state: 'agreed' })
          .where('id', '=', version.meetingId)
          .where('state', '=', 'open')
          .execute();
        return true;
      }),

    async listPlanVersions(meetingId) {
      const rows = await db
        .selectFrom('plan_version')
        .select(['version', 'agreed_at'])
        .where('meeting_id', '=', meetingId)
        .orderBy('version')
        .execute();
      return rows.map((row) => ({ version: row.version, agreedAt: row.agreed_at }));
    },

    async getPlanVersion(meetingId, version) {
      const row = await db
        .selectFrom('plan_version')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .where('version', '=', version)
        .executeTakeFirst();
      return row ? withDocuments(row) : undefined;
    },

    async listPlanVersionsOfFamily(familyId) {
      const rows = await db
        .selectFrom('plan_version')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('agreed_at')
        .orderBy(dialect.byCodePoint('meeting_id'))
        .orderBy('version')
        .execute();
      return Promise.all(rows.map(withDocuments));
    },

    async addPlanOffer(offer) {
      await db
        .insertInto('plan_offer')
        .values({
          id: offer.id,
          meeting_id: offer.meetingId,
          rule_id: offer.ruleId,
          participant_key: offer.participantKey,
          name: offer.name,
          status: offer.status,
          at: offer.at,
        })
        .execute();
    },

    async decidePlanOffer(offerId, confirmed, by, at) {
      const row = await db
        .updateTable('plan_offer')
        .set({ status: confirmed ? 'confirmed' : 'declined', decided_at: at, decided_by: by })
        .where('id', '=', offerId)
        .where('status', '=', 'waiting')
        .returningAll()
        .executeTakeFirst();
      return row ? toPlanOffer(row) : undefined;
    },

    async listPlanOffers(meetingId) {
      const rows = await db
        .selectFrom('plan_offer')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('at')
        .orderBy(dialect.byCodePoint('id'))
        .execute();
      return rows.map(toPlanOffer);
    },
  };
}
