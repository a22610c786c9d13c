import { z } from 'zod';
import { scalingReasonSchema, scalingRoundIdSchema, scalingValueSchema } from './scaling-round.ts';

/** Someone gives (or changes) their number, with an optional "what makes it that number?". */
export const scalingAnswerSchema = z
  .object({
    roundId: scalingRoundIdSchema,
    value: scalingValueSchema,
    reason: scalingReasonSchema.default(''),
  })
  .strict();
export type ScalingAnswer = z.infer<typeof scalingAnswerSchema>;
