import type { ParticipantRole, ScalingQuestionSnapshot } from '@kinboard/shared';
import type { Selectable, UpdateQueryBuilder, UpdateResult, Updateable } from 'kysely';
import type { Database } from '../database.ts';
import type { StoreContext } from '../store-context.ts';
import type {
  RevealedScalingRecord,
  SaveScalingAnswerResult,
  ScalingAnswerRecord,
  ScalingRoundRecord,
} from '../records.ts';
import { toMeeting } from './meetings.ts';

/**
 * Scaling rounds and answers [STORE18]. The database itself keeps a revealed round fixed: its
 * question, its answers and when it was revealed never change afterwards (putting it away,
 * `closed_at`, is the one thing still written).
 */
export interface ScalingRecords {
  startScalingRound(round: ScalingRoundRecord): Promise<void>;
  getScalingRound(roundId: string): Promise<ScalingRoundRecord | undefined>;
  /** The meeting's newest round, whatever its state. */
  latestScalingRound(meetingId: string): Promise<ScalingRoundRecord | undefined>;
  /** Saves or replaces a person's answer, only while the round is running (not revealed, not closed). */
  saveScalingAnswer(answer: ScalingAnswerRecord): Promise<SaveScalingAnswerResult>;
  /** A round's answers in the order first given. */
  listScalingAnswers(roundId: string): Promise<ScalingAnswerRecord[]>;
  /** Reveals a running round; undefined when it is unknown, revealed or closed already. */
  revealScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined>;
  /** Puts a round away; undefined when it is unknown or closed already. */
  closeScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined>;
  /** Every revealed round of the family's meetings, oldest first, with its answers. */
  listRevealedScalingOfFamily(familyId: string): Promise<RevealedScalingRecord[]>;
}

type RoundRow = Pick<Selectable<Database['scaling_round']>, keyof Database['scaling_round']>;

type RoundUpdate = UpdateQueryBuilder<Database, 'scaling_round', 'scaling_round', UpdateResult>;

const toRound = (row: RoundRow): ScalingRoundRecord => ({
  id: row.id,
  meetingId: row.meeting_id,
  question: JSON.parse(row.question) as ScalingQuestionSnapshot,
  named: row.named !== 0,
  open: row.open !== 0,
  startedAt: row.started_at,
  startedBy: row.started_by,
  revealedAt: row.revealed_at ?? undefined,
  closedAt: row.closed_at ?? undefined,
});

const toAnswer = (row: Selectable<Database['scaling_answer']>): ScalingAnswerRecord => ({
  roundId: row.round_id,
  participantKey: row.participant_key,
  name: row.name,
  role: row.role as ParticipantRole,
  value: row.value,
  reason: row.reason,
  answeredAt: row.answered_at,
});

const roundColumns = [
  'scaling_round.id',
  'scaling_round.meeting_id',
  'scaling_round.question_id',
  'scaling_round.question',
  'scaling_round.named',
  'scaling_round.open',
  'scaling_round.started_at',
  'scaling_round.started_by',
  'scaling_round.revealed_at',
  'scaling_round.closed_at',
] as const;

const answerColumns = [
  'round_id',
  'participant_key',
  'name',
  'role',
  'value',
  'reason',
  'answered_at',
] as const;

export function scalingRecords({ db, dialect }: StoreContext): ScalingRecords {
  const round = (roundId: string) =>
    db.selectFrom('scaling_round').select(roundColumns).where('id', '=', roundId);
  const answersInOrder = () =>
    db.selectFrom('scaling_answer').select(answerColumns).orderBy(dialect.insertionOrder('scaling_answer'));
  const changeRound = async (
    roundId: string,
    values: Updateable<Database['scaling_round']>,
    stillOpen: (query: RoundUpdate) => RoundUpdate,
  ): Promise<ScalingRoundRecord | undefined> => {
    const row = await stillOpen(db.updateTable('scaling_round').set(values).where('id', '=', roundId))
      .returning(roundColumns)
      .executeTakeFirst();
    return row ? toRound(row) : undefined;
  };
  return {
    async startScalingRound(record) {
      await db
        .insertInto('scaling_round')
        .values({
          id: record.id,
          meeting_id: record.meetingId,
          question_id: record.question.questionId,
          question: JSON.stringify(record.question),
          named: record.named ? 1 : 0,
          open: record.open ? 1 : 0,
          started_at: record.startedAt,
          started_by: record.startedBy,
        })
        .execute();
    },

    async getScalingRound(roundId) {
      const row = await round(roundId).executeTakeFirst();
      return row ? toRound(row) : undefined;
    },

    async latestScalingRound(meetingId) {
      const row = await db
        .selectFrom('scaling_round')
        .select(roundColumns)
        .where('meeting_id', '=', meetingId)
        .orderBy('started_at', 'desc')
        .orderBy(dialect.insertionOrder('scaling_round'), 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRound(row) : undefined;
    },

    async saveScalingAnswer(answer) {
      return db.transaction().execute(async (trx): Promise<SaveScalingAnswerResult> => {
        // The row lock orders an answer against a reveal or close racing it through another server.
        const row = await dialect
          .forUpdate(
            trx
              .selectFrom('scaling_round')
              .select(['revealed_at', 'closed_at'])
              .where('id', '=', answer.roundId),
          )
          .executeTakeFirst();
        if (!row) return 'not-found';
        if (row.revealed_at !== null) return 'revealed';
        if (row.closed_at !== null) return 'closed';
        // An update keeps the row (and its place), so answers list in the order first given.
        await trx
          .insertInto('scaling_answer')
          .values({
            round_id: answer.roundId,
            participant_key: answer.participantKey,
            name: answer.name,
            role: answer.role,
            value: answer.value,
            reason: answer.reason,
            answered_at: answer.answeredAt,
          })
          .onConflict((conflict) =>
            conflict.columns(['round_id', 'participant_key']).doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              role: eb.ref('excluded.role'),
              value: eb.ref('excluded.value'),
              reason: eb.ref('excluded.reason'),
              answered_at: eb.ref('excluded.answered_at'),
            })),
          )
          .execute();
        return 'saved';
      });
    },

    async listScalingAnswers(roundId) {
      return (await answersInOrder().where('round_id', '=', roundId).execute()).map(toAnswer);
    },

    // Each is one UPDATE ... RETURNING of a round still in the state it may leave.
    async revealScalingRound(roundId, at) {
      return changeRound(roundId, { revealed_at: at }, (query) =>
        query.where('revealed_at', 'is', null).where('closed_at', 'is', null),
      );
    },

    async closeScalingRound(roundId, at) {
      return changeRound(roundId, { closed_at: at }, (query) => query.where('closed_at', 'is', null));
    },

    async listRevealedScalingOfFamily(familyId) {
      const meetings = new Map(
        (await db.selectFrom('meeting').selectAll().where('family_id', '=', familyId).execute()).map(
          (row) => [row.id, toMeeting(row)],
        ),
      );
      const rounds = (
        await db
          .selectFrom('scaling_round')
          .innerJoin('meeting', 'meeting.id', 'scaling_round.meeting_id')
          .select(roundColumns)
          .where('meeting.family_id', '=', familyId)
          .where('scaling_round.revealed_at', 'is not', null)
          .orderBy(dialect.byCodePoint('meeting.date'))
          .orderBy('scaling_round.revealed_at')
          .orderBy(dialect.insertionOrder('scaling_round'))
          .execute()
      ).map(toRound);
      const answers = rounds.length
        ? await answersInOrder()
            .where(
              'round_id',
              'in',
              rounds.map((each) => each.id),
            )
            .execute()
        : [];
      return rounds.map((each) => ({
        meeting: meetings.get(each.meetingId)!,
        round: each,
        answers: answers.filter((row) => row.round_id === each.id).map(toAnswer),
      }));
    },
  };
}
