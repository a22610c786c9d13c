import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, _ or -');

/** A network member offers to take on a rule ("I can do this"); the chair confirms or declines. */
export const planOfferSchema = z.object({ ruleId: id }).strict();
export type PlanOffer = z.infer<typeof planOfferSchema>;

/** The chair's decision on an offer: confirming adds the person to the rule's who [PLAN5]. */
export const planOfferDecisionSchema = z.object({ offerId: id, confirm: z.boolean() }).strict();
export type PlanOfferDecision = z.infer<typeof planOfferDecisionSchema>;
