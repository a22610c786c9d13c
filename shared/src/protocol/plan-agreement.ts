import { z } from 'zod';

/**
 * The chair's agreement controls [PLAN3]-[PLAN6]: `start` locks the plan and asks everyone;
 * `finalise` stores the agreed version; `reopen` unlocks it for changes (from agreeing, or to
 * amend an agreed plan, which is agreed again as the next version).
 */
export const planAgreementActions = ['start', 'finalise', 'reopen'] as const;
export const planAgreementSchema = z.object({ action: z.enum(planAgreementActions) }).strict();
export type PlanAgreementCommand = z.infer<typeof planAgreementSchema>;
