import type { ParticipantRole, ScalingQuestionSnapshot } from '@kinboard/shared';
import type { ScalingAnswerRecord, ScalingRoundRecord } from './store.ts';

/**
 * Scaling rounds and answers in SQLite [STORE18]. The database itself keeps a revealed round
 * fixed: its question, its answers and when it was revealed can never change afterwards
 * (putting it away, `closed_at`, is the one thing still written).
 */
export const scalingMigration = `CREATE TABLE scaling_round (
     id TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meeting(id),
     question_id TEXT NOT NULL,
     question TEXT NOT NULL,
     named INTEGER NOT NULL,
     open INTEGER NOT NULL,
     started_at INTEGER NOT NULL,
     started_by TEXT NOT NULL,
     revealed_at INTEGER,
     closed_at INTEGER
   );
   CREATE INDEX scaling_round_by_meeting ON scaling_round (meeting_id, started_at);
   CREATE TABLE scaling_answer (
     round_id TEXT NOT NULL REFERENCES scaling_round(id),
     participant_key TEXT NOT NULL,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
     reason TEXT NOT NULL,
     answered_at INTEGER NOT NULL,
     PRIMARY KEY (round_id, participant_key)
   );
   CREATE TRIGGER scaling_round_fixed BEFORE UPDATE ON scaling_round
     WHEN OLD.revealed_at IS NOT NULL AND (NEW.question IS NOT OLD.question
       OR NEW.revealed_at IS NOT OLD.revealed_at OR NEW.named IS NOT OLD.named
       OR NEW.open IS NOT OLD.open OR NEW.meeting_id IS NOT OLD.meeting_id)
     BEGIN SELECT RAISE(ABORT, 'a revealed scaling round is fixed'); END;
   CREATE TRIGGER scaling_round_kept BEFORE DELETE ON scaling_round WHEN OLD.revealed_at IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'a revealed scaling round is fixed'); END;
   CREATE TRIGGER scaling_answer_fixed_insert BEFORE INSERT ON scaling_answer
     WHEN (SELECT revealed_at IS NOT NULL OR closed_at IS NOT NULL FROM scaling_round WHERE id = NEW.round_id)
     BEGIN SELECT RAISE(ABORT, 'a revealed scaling round is fixed'); END;
   CREATE TRIGGER scaling_answer_fixed_update BEFORE UPDATE ON scaling_answer
     WHEN (SELECT revealed_at IS NOT NULL OR closed_at IS NOT NULL FROM scaling_round WHERE id = OLD.round_id)
     BEGIN SELECT RAISE(ABORT, 'a revealed scaling round is fixed'); END;
   CREATE TRIGGER scaling_answer_fixed_delete BEFORE DELETE ON scaling_answer
     WHEN (SELECT revealed_at IS NOT NULL FROM scaling_round WHERE id = OLD.round_id)
     BEGIN SELECT RAISE(ABORT, 'a revealed scaling round is fixed'); END;`;

export interface ScalingRoundRow {
  id: string;
  meeting_id: string;
  question_id: string;
  question: string;
  named: number;
  open: number;
  started_at: number;
  started_by: string;
  revealed_at: number | null;
  closed_at: number | null;
}

export const toScalingRound = (row: ScalingRoundRow): ScalingRoundRecord => ({
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

export interface ScalingAnswerRow {
  round_id: string;
  participant_key: string;
  name: string;
  role: ParticipantRole;
  value: number;
  reason: string;
  answered_at: number;
}

export const toScalingAnswer = (row: ScalingAnswerRow): ScalingAnswerRecord => ({
  roundId: row.round_id,
  participantKey: row.participant_key,
  name: row.name,
  role: row.role,
  value: row.value,
  reason: row.reason,
  answeredAt: row.answered_at,
});
