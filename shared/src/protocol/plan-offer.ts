import * as z from 'zod/mini';

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, _ or -'));

/** A network member offers to take on a rule ("I can do this"); the chair confirms or declines. */
export const planOfferSchema = z.strictObject({ ruleId: id });
export type PlanOffer = z.infer<typeof planOfferSchema>;

/** The chair's decision on an offer: confirming adds the person to the rule's who [PLAN5]. */
export const planOfferDecisionSchema = z.strictObject({ offerId: id, confirm: z.boolean() });
export type PlanOfferDecision = z.infer<typeof planOfferDecisionSchema>;
