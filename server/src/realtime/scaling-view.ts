import {
  mayWriteBoard,
  spreadOf,
  type ParticipantRole,
  type ScalingPoint,
  type ScalingRoundView,
} from '@kinboard/shared';
import type { ScalingAnswerRecord, ScalingRoundRecord } from '../store/store.ts';

/** Who a view is built for: the person behind the screen (if any) and the screen's role. */
export interface ScalingViewer {
  participantKey: string | undefined;
  role: ParticipantRole;
}

/**
 * The round as one screen may see it [SCALE3]. Before the reveal of a private round no number
 * but the viewer's own is in it; an anonymous round never carries a name or a role; the
 * projector and observers never get a "mine", even on a staff member's own browser.
 */
export function scalingViewFor(
  round: ScalingRoundRecord,
  answers: readonly ScalingAnswerRecord[],
  viewer: ScalingViewer,
): ScalingRoundView {
  const revealed = round.revealedAt !== undefined;
  const showPoints = revealed || round.open;
  const mayAnswer = viewer.participantKey !== undefined && mayWriteBoard(viewer.role);
  const own = mayAnswer ? answers.find((each) => each.participantKey === viewer.participantKey) : undefined;
  const points = showPoints ? answers.map((each) => pointOf(each, round.named, revealed)).sort(byValue) : [];
  return {
    meetingId: round.meetingId,
    roundId: round.id,
    question: round.question,
    mode: { named: round.named, open: round.open },
    state: revealed ? 'revealed' : 'running',
    startedAt: round.startedAt,
    revealedAt: round.revealedAt ?? null,
    answeredCount: answers.length,
    answered: round.named ? answers.map(({ name, role }) => ({ name, role })) : [],
    mine: own ? { value: own.value, reason: own.reason } : null,
    points,
    spread: showPoints ? (spreadOf(points.map((point) => point.value)) ?? null) : null,
    mayAnswer: mayAnswer && !revealed,
  };
}

/** Reasons travel with the reveal; names and roles only in a named round. */
function pointOf(answer: ScalingAnswerRecord, named: boolean, revealed: boolean): ScalingPoint {
  return {
    value: answer.value,
    ...(revealed && answer.reason ? { reason: answer.reason } : {}),
    ...(named ? { name: answer.name, role: answer.role } : {}),
  };
}

/**
 * Points in order of their number (then reason), never in the order given: in an anonymous
 * round the order people answered in, which everyone watched, would tell whose point is whose.
 */
function byValue(a: ScalingPoint, b: ScalingPoint): number {
  return a.value - b.value || (a.reason ?? '').localeCompare(b.reason ?? '');
}
