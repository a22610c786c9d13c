import * as z from 'zod/mini';
import type { ParticipantRole } from '../access/roles.ts';
import { scalingTieSchema, maxScalingTextLength } from '../board/scaling-question.ts';
import type { Spread } from '../scaling/spread.ts';

/** A number on the scale: a whole number from 0 to 10. */
const wholeNumber = { error: 'Choose a whole number from 0 to 10.' };
export const scalingValueSchema = z
  .number(wholeNumber)
  .check(z.int(wholeNumber), z.gte(0, wholeNumber), z.lte(10, wholeNumber));
export const maxScalingReasonLength = 1000;
export const scalingReasonSchema = z.string().check(
  z.maxLength(maxScalingReasonLength, {
    error: `Keep the reason under ${maxScalingReasonLength} characters.`,
  }),
);
export const scalingRoundIdSchema = z.string().check(z.minLength(1), z.maxLength(100));

/** The question as the round keeps it: a snapshot, so later edits never change a record. */
export const scalingQuestionSnapshotSchema = z.strictObject({
  questionId: z.string().check(z.minLength(1), z.maxLength(100)),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(maxScalingTextLength)),
  zeroMeans: z.string().check(z.maxLength(maxScalingTextLength)),
  tenMeans: z.string().check(z.maxLength(maxScalingTextLength)),
  tiedTo: scalingTieSchema,
});
export type ScalingQuestionSnapshot = z.infer<typeof scalingQuestionSnapshotSchema>;

/**
 * How a round runs, chosen when it starts and said to everyone: `named` shows who gave which
 * number after the reveal (anonymous never sends a name); `open` moves everyone's marker live
 * (private keeps every number with the server until the reveal).
 */
export const scalingModeSchema = z.strictObject({ named: z.boolean(), open: z.boolean() });
export type ScalingMode = z.infer<typeof scalingModeSchema>;

/** Someone who has answered, as others may see them (named rounds only). */
export interface ScalingAnswerer {
  name: string;
  role: ParticipantRole;
}

/** One point on the line. Names and roles only in a named round. */
export interface ScalingPoint {
  value: number;
  reason?: string;
  name?: string;
  role?: ParticipantRole;
}

/**
 * What one screen is told about the meeting's round: built by the server for each recipient,
 * so a number travels only where it may [SCALE3].
 */
export interface ScalingRoundView {
  meetingId: string;
  roundId: string;
  question: ScalingQuestionSnapshot;
  mode: ScalingMode;
  state: 'running' | 'revealed';
  startedAt: number;
  revealedAt: number | null;
  /** How many have answered. */
  answeredCount: number;
  /** Who has answered, in a named round; empty in an anonymous one. */
  answered: ScalingAnswerer[];
  /** This screen's person's own answer, when they gave one (never sent to the projector). */
  mine: { value: number; reason: string } | null;
  /** Every point: after the reveal, or live in an open round; otherwise empty. */
  points: ScalingPoint[];
  spread: Spread | null;
  /** Whether this screen's person may answer (not an observer, not the projector). */
  mayAnswer: boolean;
}

/** Server -> each screen of the meeting: the round as this screen may see it, or none. */
export type ScalingRoundMessage = { meetingId: string; round: ScalingRoundView | null };
