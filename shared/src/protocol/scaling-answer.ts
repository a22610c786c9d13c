import * as z from 'zod/mini';
import { scalingReasonSchema, scalingRoundIdSchema, scalingValueSchema } from './scaling-round.ts';

/** Someone gives (or changes) their number, with an optional "what makes it that number?". */
export const scalingAnswerSchema = z.strictObject({
  roundId: scalingRoundIdSchema,
  value: scalingValueSchema,
  reason: z._default(scalingReasonSchema, ''),
});
export type ScalingAnswer = z.infer<typeof scalingAnswerSchema>;
