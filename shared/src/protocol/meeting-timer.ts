import * as z from 'zod/mini';

/** The chair's visible timer: set a duration, start, pause, or reset to the set duration. */
export const meetingTimerCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('set'),
    durationMs: z.int().check(z.gte(0), z.lte(4 * 60 * 60 * 1000)),
  }),
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('reset') }),
]);
export type MeetingTimerCommand = z.infer<typeof meetingTimerCommandSchema>;
