import * as z from 'zod/mini';

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

const viewText = z._default(z.string().check(z.trim(), z.maxLength(maxViewTextLength)), '');

export const viewScalingAnswerSchema = z.strictObject({
  /** The frame's scaling question id, as the drafts named it. */
  questionId: z.string().check(z.minLength(1), z.maxLength(100)),
  value: z.int().check(z.gte(0), z.lte(10)),
});
export type ViewScalingAnswer = z.infer<typeof viewScalingAnswerSchema>;

/** POST /api/meetings/:id/views-before (a pass holder's). */
export const viewBeforeInputSchema = z
  .strictObject({
    worries: viewText,
    workingWell: viewText,
    offers: viewText,
    scaling: z._default(z.array(viewScalingAnswerSchema).check(z.maxLength(maxViewScalingAnswers)), []),
  })
  .check(
    z.refine(
      (view) =>
        view.worries !== '' || view.workingWell !== '' || view.offers !== '' || view.scaling.length > 0,
      { message: 'Say at least one thing.' },
    ),
  );
export type ViewBeforeInput = z.input<typeof viewBeforeInputSchema>;

/** One view as staff see it: with the name and relationship the server recorded for the pass. */
export const viewBeforeSchema = z.strictObject({
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
  broughtInAt: z.optional(z.number()),
});
export type ViewBefore = z.infer<typeof viewBeforeSchema>;

/** GET /api/meetings/:id/views-before. */
export const viewsBeforeReplySchema = z.strictObject({ views: z.array(viewBeforeSchema) });
export type ViewsBeforeReply = z.infer<typeof viewsBeforeReplySchema>;

/** The participant key a view's cards are credited to [PRIOR4]. */
export const viewBeforeKeyPrefix = 'prior:';
export const viewBeforeKey = (viewId: string): string => `${viewBeforeKeyPrefix}${viewId}`;

/**
 * POST /api/meetings/:id/passes (staff): a pass for someone who cannot come, to read the
 * meeting's drafts and send their view [PRIOR6]. It ends with the meeting's day.
 */
export const meetingPassRequestSchema = z.strictObject({
  holderName: z
    .string()
    .check(z.trim(), z.minLength(1, 'the name of the person the pass is for'), z.maxLength(120)),
  relationship: z.string().check(z.trim(), z.minLength(1, 'how they know the child'), z.maxLength(120)),
});
export type MeetingPassRequest = z.infer<typeof meetingPassRequestSchema>;

/** Where a meeting pass's link opens: the drafts page, with the secret after `#` [PRIOR6]. */
export const meetingPassLink = (token: string): string => `/pass/drafts#${token}`;
