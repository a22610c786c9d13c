import { z } from 'zod';

/**
 * A view sent before the meeting [PRIOR1]: someone who cannot come says, through their pass,
 * what worries them, what is working well, their numbers for the meeting's scaling questions and
 * what they can offer. Who sent it is the server's record of the pass, never a name in the body.
 */
export const maxViewTextLength = 2000;
/** At most this many views from one pass for one meeting, and this many for the meeting [PRIOR2]. */
export const maxViewsPerSender = 3;
export const maxViewsPerMeeting = 60;
export const maxViewScalingAnswers = 20;

const viewText = z.string().trim().max(maxViewTextLength).default('');

export const viewScalingAnswerSchema = z
  .object({
    /** The frame's scaling question id, as the drafts named it. */
    questionId: z.string().min(1).max(100),
    value: z.number().int().min(0).max(10),
  })
  .strict();
export type ViewScalingAnswer = z.infer<typeof viewScalingAnswerSchema>;

/** POST /api/meetings/:id/views-before (a pass holder's). */
export const viewBeforeInputSchema = z
  .object({
    worries: viewText,
    workingWell: viewText,
    offers: viewText,
    scaling: z.array(viewScalingAnswerSchema).max(maxViewScalingAnswers).default([]),
  })
  .strict()
  .refine(
    (view) => view.worries !== '' || view.workingWell !== '' || view.offers !== '' || view.scaling.length > 0,
    { message: 'Say at least one thing.' },
  );
export type ViewBeforeInput = z.input<typeof viewBeforeInputSchema>;

/** One view as staff see it: with the name and relationship the server recorded for the pass. */
export const viewBeforeSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    /** The participant key cards brought in from it are credited to (`prior:<id>`). */
    key: z.string(),
    name: z.string(),
    relationship: z.string(),
    worries: z.string(),
    workingWell: z.string(),
    offers: z.string(),
    scaling: z.array(viewScalingAnswerSchema),
    sentAt: z.number(),
    broughtInAt: z.number().optional(),
  })
  .strict();
export type ViewBefore = z.infer<typeof viewBeforeSchema>;

/** GET /api/meetings/:id/views-before. */
export const viewsBeforeReplySchema = z.object({ views: z.array(viewBeforeSchema) }).strict();
export type ViewsBeforeReply = z.infer<typeof viewsBeforeReplySchema>;

/** The participant key a view's cards are credited to [PRIOR4]. */
export const viewBeforeKeyPrefix = 'prior:';
export const viewBeforeKey = (viewId: string): string => `${viewBeforeKeyPrefix}${viewId}`;

/**
 * POST /api/meetings/:id/passes (staff): a pass for someone who cannot come, to read the
 * meeting's drafts and send their view [PRIOR6]. It ends with the meeting's day.
 */
export const meetingPassRequestSchema = z
  .object({
    holderName: z.string().trim().min(1, 'the name of the person the pass is for').max(120),
    relationship: z.string().trim().min(1, 'how they know the child').max(120),
  })
  .strict();
export type MeetingPassRequest = z.infer<typeof meetingPassRequestSchema>;

/** Where a meeting pass's link opens: the drafts page, with the secret after `#` [PRIOR6]. */
export const meetingPassLink = (token: string): string => `/pass/drafts#${token}`;
