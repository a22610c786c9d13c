import { scalingProgress, type RevealedScalingRound } from '@kinboard/shared';
import { scalingViewFor } from '../../realtime/scaling-view.ts';
import type { ApiContext } from '../api-context.ts';
import { ok, Reply } from '../reply.ts';
import { route } from '../router.ts';

/**
 * GET /api/families/:id/scaling: how the family's numbers moved, question by question, across
 * its meetings [SCALE9]. Staff with access to the family only, as every family route; revealed
 * rounds only, each point as everyone saw it at the reveal (no names from an anonymous round).
 */
async function familyScaling(context: ApiContext): Promise<Reply> {
  const allowed = await context.familyOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const record = await context.store.listRevealedScalingOfFamily(allowed.family.id);
  const rounds: RevealedScalingRound[] = record.map(({ meeting, round, answers }) => ({
    roundId: round.id,
    meetingId: meeting.id,
    meetingTitle: meeting.title,
    meetingDate: meeting.date,
    revealedAt: round.revealedAt!,
    named: round.named,
    question: round.question,
    points: scalingViewFor(round, answers, { participantKey: undefined, role: 'observer' }).points,
  }));
  return ok({ questions: scalingProgress(rounds) });
}

export const scalingRoutes = [route('GET', '/api/families/:id/scaling', familyScaling)];
