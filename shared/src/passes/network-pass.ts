import * as z from 'zod/mini';

/**
 * A lasting, narrow pass for the family's network between meetings [PASS1]. Every pass has a
 * family, a holder (the name and relationship the server recorded), an end and a kind; the kind
 * says what the pass opens. `between-meetings` opens the family's current agreed plan, the
 * holder's part and the safety journal. A later kind (a meeting's drafts, say) adds its own
 * value here and its own `scope` (the meeting it is for) without changing these.
 * `before-meeting` (scope: a meeting id) opens that meeting's drafts from the time the worker
 * chose and lets its holder send their view before it, nothing else [DRAFT3] [PRIOR1].
 */
export const passKinds = ['between-meetings', 'before-meeting'] as const;
export type PassKind = (typeof passKinds)[number];

/** The longest a pass may last: a plan is looked at again within months, not years [PASS2]. */
export const longestPassDays = 366;
/** What an entry may hold and how many a pass may write in a day [PASS9]. */
export const journalLimits = {
  textChars: 2000,
  shortChars: 300,
  entriesPerDay: 10,
  replyChars: 2000,
  /** A photo or drawing with an entry, when the worker allowed it on the pass [PASS8]. */
  photoBytes: 512 * 1024,
} as const;
/** The kinds of picture an entry may carry. */
export const journalPhotoTypes = ['image/png', 'image/jpeg'] as const;

const shortText = (what: string, max = 120) =>
  z.string().check(z.trim(), z.minLength(1, what), z.maxLength(max));
const isoDate = z.iso.date({ message: 'a date like 2026-03-14' });

/** POST /api/families/:id/passes (staff). */
export const issuePassRequestSchema = z.strictObject({
  holderName: shortText('the name of the person the pass is for'),
  relationship: shortText('how they know the child'),
  /** Whose part of the plan the pass shows: a person id of the plan (`peopleInPlan`). */
  personKey: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  /** The last day the pass works (yyyy-mm-dd, the server's days, UTC). */
  endsOn: isoDate,
  /** Whether the holder may add a photo or drawing to an entry [PASS8]. */
  allowPhotos: z._default(z.boolean(), false),
});
export type IssuePassRequest = z.infer<typeof issuePassRequestSchema>;

/** POST /api/pass/open: the secret the link carries after its `#`. */
export const openPassRequestSchema = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{16,128}$/, 'a pass link')),
});

/** How the plan held, in the holder's own judgement. */
export const planHeldValues = ['held', 'partly', 'not-held'] as const;
export type PlanHeld = (typeof planHeldValues)[number];

/** POST /api/pass/journal: one entry, written on the holder's phone [PASS8]. */
export const journalEntryRequestSchema = z.strictObject({
  /** What happened, in the holder's words. */
  text: shortText('what happened', journalLimits.textChars),
  /** When it happened (yyyy-mm-dd). */
  happenedOn: isoDate,
  /** Who was there, in the holder's words (may be empty). */
  whoWasThere: z._default(z.string().check(z.trim(), z.maxLength(journalLimits.shortChars)), ''),
  planHeld: z.enum(planHeldValues),
  /** The id of the agreed plan's rule it concerns, if any. */
  ruleId: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  /** A photo or drawing, base64, if the pass allows it [PASS8]. */
  photo: z.optional(
    z.strictObject({
      contentType: z.enum(journalPhotoTypes),
      base64: z
        .string()
        .check(
          z.maxLength(Math.ceil(journalLimits.photoBytes / 3) * 4),
          z.regex(/^[A-Za-z0-9+/]+=*$/, 'base64'),
        ),
    }),
  ),
});
export type JournalEntryRequest = z.infer<typeof journalEntryRequestSchema>;

/** POST /api/families/:id/journal/:entryId/replies (staff). */
export const journalReplyRequestSchema = z.strictObject({
  text: shortText('a reply', journalLimits.replyChars),
});

/** A pass as staff see it on the family page; never its secret. */
export interface PassView {
  id: string;
  kind: PassKind;
  holderName: string;
  relationship: string;
  personKey?: string | undefined;
  allowPhotos: boolean;
  createdAt: number;
  createdByName: string;
  endsAt: number;
  revokedAt?: number | undefined;
  /** The pass this one was reissued as, once it was. */
  replacedBy?: string | undefined;
  /** `active`, or why it no longer opens anything. */
  state: 'active' | 'expired' | 'revoked';
}

/** One reply to an entry, credited to the staff member who wrote it. */
export interface JournalReplyView {
  id: string;
  text: string;
  writtenAt: number;
  staffName: string;
}

/** A journal entry as everyone with the journal sees it: its author and time as the server recorded them. */
export interface JournalEntryView {
  id: string;
  text: string;
  happenedOn: string;
  whoWasThere: string;
  planHeld: PlanHeld;
  /** The rule as it read when the entry was written, kept with the entry. */
  rule?: { id: string; text: string } | undefined;
  authorName: string;
  authorRelationship: string;
  writtenAt: number;
  readAt?: number | undefined;
  readByName?: string | undefined;
  /** Whether the entry carries a photo or drawing (read from its own route). */
  hasPhoto: boolean;
  replies: JournalReplyView[];
}
