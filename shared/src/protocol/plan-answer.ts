import * as z from 'zod/mini';

export const maxAnswerReasonLength = 1000;

/**
 * Someone's answer to "Do you agree with this plan and understand your part?" [PLAN4]: yes, or
 * no with the reason in their own words (a "no" without one is refused: the chair needs it).
 */
export const planAnswerSchema = z
  .strictObject({
    agrees: z.boolean(),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(maxAnswerReasonLength))),
  })
  .check(
    z.refine((answer) => answer.agrees || (answer.reason ?? '').length > 0, {
      message: 'say why you do not agree',
      path: ['reason'],
    }),
  );
export type PlanAnswer = z.infer<typeof planAnswerSchema>;
