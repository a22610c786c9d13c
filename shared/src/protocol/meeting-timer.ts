import { z } from 'zod';

/** The chair's visible timer: set a duration, start, pause, or reset to the set duration. */
export const meetingTimerCommandSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('set'),
      durationMs: z
        .number()
        .int()
        .min(0)
        .max(4 * 60 * 60 * 1000),
    })
    .strict(),
  z.object({ action: z.literal('start') }).strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('reset') }).strict(),
]);
export type MeetingTimerCommand = z.infer<typeof meetingTimerCommandSchema>;
