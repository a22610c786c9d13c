import { z } from 'zod';
import type { ParticipantRole } from '../access/roles.ts';
import { scalingTieSchema, maxScalingTextLength } from '../board/scaling-question.ts';
import type { Spread } from '../scaling/spread.ts';

/** A number on the scale: a whole number from 0 to 10. */
const wholeNumber = { error: 'Choose a whole number from 0 to 10.' };
export const scalingValueSchema = z
  .number(wholeNumber)
  .int(wholeNumber)
  .min(0, wholeNumber)
  .max(10, wholeNumber);
export const maxScalingReasonLength = 1000;
export const scalingReasonSchema = z
  .string()
  .max(maxScalingReasonLength, { error: `Keep the reason under ${maxScalingReasonLength} characters.` });
export const scalingRoundIdSchema = z.string().min(1).max(100);

/** The question as the round keeps it: a snapshot, so later edits never change a record. */
export const scalingQuestionSnapshotSchema = z
  .object({
    questionId: z.string().min(1).max(100),
    text: z.string().trim().min(1).max(maxScalingTextLength),
    zeroMeans: z.string().max(maxScalingTextLength),
    tenMeans: z.string().max(maxScalingTextLength),
    tiedTo: scalingTieSchema,
  })
  .strict();
export type ScalingQuestionSnapshot = z.infer<typeof scalingQuestionSnapshotSchema>;

/**
 * How a round runs, chosen when it starts and said to everyone: `named` shows who gave which
 * number after the reveal (anonymous never sends a name); `open` moves everyone's marker live
 * (private keeps every number with the server until the reveal).
 */
export const scalingModeSchema = z.object({ named: z.boolean(), open: z.boolean() }).strict();
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
