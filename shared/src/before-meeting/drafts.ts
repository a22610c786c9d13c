import * as z from 'zod/mini';

/**
 * The meeting's drafts shared with the family before it [DRAFT1]: what the frame holds before
 * the meeting opens (statements with their goals, bottom lines, scaling questions, the proposed
 * agenda), read-only, from the time the worker chose.
 */

/** PUT /api/meetings/:id/drafts-share: from when (ms, the server's clock) the pass may read them; null stops sharing. */
export const draftsShareRequestSchema = z.strictObject({ from: z.nullable(z.int().check(z.gte(0))) });
export type DraftsShareRequest = z.infer<typeof draftsShareRequestSchema>;

export const draftsShareSchema = z.strictObject({
  from: z.nullable(z.number()),
  setBy: z.optional(z.string()),
  setAt: z.optional(z.number()),
});
export type DraftsShare = z.infer<typeof draftsShareSchema>;

/** How long before a conference the handbook asks for reports to be shared: 3 days [DRAFT2]. */
export const draftsShareLeadDays = 3;

export const meetingDraftsSchema = z.strictObject({
  meeting: z.strictObject({ id: z.string(), title: z.string(), date: z.string(), typeName: z.string() }),
  statements: z.array(z.strictObject({ id: z.string(), statement: z.string(), goal: z.string() })),
  bottomLines: z.array(z.strictObject({ id: z.string(), text: z.string() })),
  scalingQuestions: z.array(
    z.strictObject({ id: z.string(), text: z.string(), zeroMeans: z.string(), tenMeans: z.string() }),
  ),
  agenda: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  sharedFrom: z.number(),
});
export type MeetingDrafts = z.infer<typeof meetingDraftsSchema>;
