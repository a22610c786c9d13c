import { z } from 'zod';

/**
 * The meeting's drafts shared with the family before it [DRAFT1]: what the frame holds before
 * the meeting opens (statements with their goals, bottom lines, scaling questions, the proposed
 * agenda), read-only, from the time the worker chose.
 */

/** PUT /api/meetings/:id/drafts-share: from when (ms, the server's clock) the pass may read them; null stops sharing. */
export const draftsShareRequestSchema = z.object({ from: z.number().int().min(0).nullable() }).strict();
export type DraftsShareRequest = z.infer<typeof draftsShareRequestSchema>;

export const draftsShareSchema = z
  .object({ from: z.number().nullable(), setBy: z.string().optional(), setAt: z.number().optional() })
  .strict();
export type DraftsShare = z.infer<typeof draftsShareSchema>;

/** How long before a conference the handbook asks for reports to be shared: 3 days [DRAFT2]. */
export const draftsShareLeadDays = 3;

export const meetingDraftsSchema = z
  .object({
    meeting: z.object({ id: z.string(), title: z.string(), date: z.string(), typeName: z.string() }).strict(),
    statements: z.array(z.object({ id: z.string(), statement: z.string(), goal: z.string() }).strict()),
    bottomLines: z.array(z.object({ id: z.string(), text: z.string() }).strict()),
    scalingQuestions: z.array(
      z.object({ id: z.string(), text: z.string(), zeroMeans: z.string(), tenMeans: z.string() }).strict(),
    ),
    agenda: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
    sharedFrom: z.number(),
  })
  .strict();
export type MeetingDrafts = z.infer<typeof meetingDraftsSchema>;
