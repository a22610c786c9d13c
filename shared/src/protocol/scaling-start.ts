import * as z from 'zod/mini';
import { scalingModeSchema, scalingQuestionSnapshotSchema } from './scaling-round.ts';

/**
 * The chair starts a round for a question. The chair's screen sends the question as drafted
 * (staff write the frame anyway), and the server keeps it as the round's snapshot.
 */
export const scalingStartSchema = z.strictObject({
  question: scalingQuestionSnapshotSchema,
  mode: scalingModeSchema,
});
export type ScalingStart = z.infer<typeof scalingStartSchema>;
