import * as z from 'zod/mini';
import { scalingRoundIdSchema } from './scaling-round.ts';

/**
 * The chair puts the round away: screens go back to the board. A revealed round stays on the
 * meeting's record; one closed before its reveal never counts.
 */
export const scalingCloseSchema = z.strictObject({ roundId: scalingRoundIdSchema });
export type ScalingClose = z.infer<typeof scalingCloseSchema>;
