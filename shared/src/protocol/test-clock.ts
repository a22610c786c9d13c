import * as z from 'zod/mini';

/** POST /api/test-clock: move a TEST_CLOCK server's days on [CLOCK1]. */
export const testClockRequestSchema = z.object({
  /** At most ten years at a time; never backwards. */
  advanceByMs: z.int().check(z.gte(0), z.lte(10 * 366 * 24 * 3_600_000)),
});
export type TestClockRequest = z.infer<typeof testClockRequestSchema>;

export const testClockReplySchema = z.object({ now: z.number() });
export type TestClockReply = z.infer<typeof testClockReplySchema>;
