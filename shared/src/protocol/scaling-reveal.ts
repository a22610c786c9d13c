import * as z from 'zod/mini';
import { scalingRoundIdSchema } from './scaling-round.ts';

/** The chair shows everyone's numbers at once; from then on they are fixed. */
export const scalingRevealSchema = z.strictObject({ roundId: scalingRoundIdSchema });
export type ScalingReveal = z.infer<typeof scalingRevealSchema>;
