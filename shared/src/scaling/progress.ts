import type { ScalingPoint, ScalingQuestionSnapshot } from '../protocol/scaling-round.ts';
import { spreadOf, type Spread } from './spread.ts';

/** A revealed round as the family's record holds it, with the meeting it was asked in. */
export interface RevealedScalingRound {
  roundId: string;
  meetingId: string;
  meetingTitle: string;
  /** The meeting's date (yyyy-mm-dd). */
  meetingDate: string;
  revealedAt: number;
  named: boolean;
  question: ScalingQuestionSnapshot;
  points: ScalingPoint[];
}

export interface ScalingProgressRound extends RevealedScalingRound {
  spread: Spread | null;
}

/** One question across the family's meetings, oldest round first. */
export interface ScalingProgressQuestion {
  questionId: string;
  /** The words of its latest round. */
  text: string;
  zeroMeans: string;
  tenMeans: string;
  rounds: ScalingProgressRound[];
}

const sameWords = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Groups a family's revealed rounds by question, so a chart shows how the numbers moved from
 * meeting to meeting. A question carried into a later meeting keeps its id; a question typed
 * again with the same words (a new id) still belongs with the first [SCALE9].
 */
export function scalingProgress(rounds: readonly RevealedScalingRound[]): ScalingProgressQuestion[] {
  const ordered = [...rounds].sort(
    (a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.revealedAt - b.revealedAt,
  );
  const groups: ScalingProgressQuestion[] = [];
  const byId = new Map<string, ScalingProgressQuestion>();
  const byWords = new Map<string, ScalingProgressQuestion>();
  for (const round of ordered) {
    const { questionId, text, zeroMeans, tenMeans } = round.question;
    const words = sameWords(text);
    let group = byId.get(questionId) ?? byWords.get(words);
    if (!group) {
      group = { questionId, text, zeroMeans, tenMeans, rounds: [] };
      groups.push(group);
    }
    byId.set(questionId, group);
    byWords.set(words, group);
    Object.assign(group, { text, zeroMeans, tenMeans });
    group.rounds.push({ ...round, spread: spreadOf(round.points.map((point) => point.value)) ?? null });
  }
  return groups;
}
