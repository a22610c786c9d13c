import * as z from 'zod/mini';
import { meetingTypeIds } from '../vocabulary/meeting-type-shape.ts';

/** GET /api/due: what is due and overdue for each family the worker can see [DUE3]. */
const span = z.object({ count: z.int(), unit: z.enum(['days', 'working-days', 'months']) });
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const dueItemSchema = z.object({
  meetingType: z.enum(meetingTypeIds),
  kind: z.enum(['first', 'every', 'before']),
  dueBy: day,
  status: z.enum(['due', 'overdue']),
  countedFrom: z.object({ what: z.enum(['family-added', 'last-meeting', 'the-meeting']), date: day }),
  planned: z.optional(z.object({ meetingId: z.string(), date: day })),
  span,
  handbook: z.string(),
});

export const dueListSchema = z.object({
  /** Today, by the server's clock, that the statuses were worked out on. */
  today: day,
  families: z.array(
    z.object({
      family: z.object({ id: z.string(), name: z.string() }),
      items: z.array(dueItemSchema),
    }),
  ),
});
export type DueList = z.infer<typeof dueListSchema>;
export const duePath = '/api/due';
