import * as z from 'zod/mini';

/**
 * Where a meeting's plan is: being built (`drafting`), locked while everyone says whether they
 * agree (`agreeing`), or `agreed` (a version is stored and the board is locked until the chair
 * reopens it to amend). Decided and stored by the server [PLAN3].
 */
export const planStages = ['drafting', 'agreeing', 'agreed'] as const;
export type PlanStage = (typeof planStages)[number];

/** Asks for the plan's status as this screen may see it; carries nothing. */
export const planStatusRequestSchema = z.strictObject({});

export interface PlanAnswerView {
  participantKey: string;
  name: string;
  role: string;
  agrees: boolean;
  /** Why not, in their words; only when they do not agree. */
  reason?: string | undefined;
  at: number;
}

export interface PlanOfferView {
  id: string;
  ruleId: string;
  participantKey: string;
  name: string;
  status: 'waiting' | 'confirmed' | 'declined';
  at: number;
}

export interface PlanVersionSummary {
  version: number;
  agreedAt: number;
}

/**
 * The plan's status for one screen. Staff see every answer and offer; a guest sees their own
 * (what others answered is for the chair to read out, not for every phone).
 */
export interface PlanStatus {
  meetingId: string;
  stage: PlanStage;
  /** The version being agreed (while agreeing) or the last one agreed; 0 before any. */
  round: number;
  answers: PlanAnswerView[];
  offers: PlanOfferView[];
  versions: PlanVersionSummary[];
  /** The screen's own participant key, when it has one: "my part" is what names it. */
  you?: string | undefined;
  /** The name on record for that key (the one the guest joined with, or the staff member's). */
  yourName?: string | undefined;
}
