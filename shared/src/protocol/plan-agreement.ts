import * as z from 'zod/mini';
import { maxEssentialsReasonLength } from '../board/agreement-essentials.ts';

/**
 * The chair's agreement controls [PLAN3]-[PLAN6]: `start` locks the plan and asks everyone;
 * `finalise` stores the agreed version; `reopen` unlocks it for changes (from agreeing, or to
 * amend an agreed plan, which is agreed again as the next version). `start` takes `reason` when
 * the plan lacks an essential: why the meeting agrees without it [PLAN9].
 */
export const planAgreementActions = ['start', 'finalise', 'reopen'] as const;
export const planAgreementSchema = z.strictObject({
  action: z.enum(planAgreementActions),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(maxEssentialsReasonLength))),
});
export type PlanAgreementCommand = z.infer<typeof planAgreementSchema>;
