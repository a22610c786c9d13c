import { z } from 'zod';
import { scalingRoundIdSchema } from './scaling-round.ts';

/** The chair shows everyone's numbers at once; from then on they are fixed. */
export const scalingRevealSchema = z.object({ roundId: scalingRoundIdSchema }).strict();
export type ScalingReveal = z.infer<typeof scalingRevealSchema>;
