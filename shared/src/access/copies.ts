import * as z from 'zod/mini';

/**
 * Copies of an agreed plan given to people [COPY1]-[COPY8]: what a copy is, how it was given, and
 * the requests that give one. Checked on the server with these schemas, built by the pages with them.
 */
export const copyKinds = ['family-plan', 'my-part'] as const;
export type CopyKind = (typeof copyKinds)[number];

/** Saved on their own phone, emailed by staff, or downloaded by staff to hand over. */
export const copyMethods = ['phone', 'email', 'staff-download'] as const;
export type CopyMethod = (typeof copyMethods)[number];

const personKey = z.string().check(z.minLength(3), z.maxLength(200));
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));

/** One copy given, as the family page lists it. */
export const copyGivenSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  version: z.int().check(z.positive()),
  what: z.enum(copyKinds),
  /** Whose part, for `my-part`: the plan's key and the name the plan gives them. */
  partOf: z.nullable(z.object({ key: personKey, name: z.string() })),
  recipientName: z.string(),
  method: z.enum(copyMethods),
  /** The address it was emailed to. */
  address: z.nullable(z.string()),
  /** The staff member who sent or downloaded it, by the name the server has for them. */
  byStaff: z.nullable(z.object({ id: z.string(), name: z.string() })),
  givenAt: z.number(),
});
export type CopyGiven = z.infer<typeof copyGivenSchema>;

/** GET /api/families/:id/copies. */
export const familyCopiesSchema = z.object({
  copies: z.array(copyGivenSchema),
  /** Whether this service has a mail server: without one, staff download instead [COPY4]. */
  email: z.boolean(),
});
export type FamilyCopies = z.infer<typeof familyCopiesSchema>;

const what = z.array(z.enum(copyKinds)).check(
  z.minLength(1, 'choose at least one copy'),
  z.maxLength(2),
  z.refine((kinds) => new Set(kinds).size === kinds.length, 'each copy once'),
);

/** POST /api/meetings/:meetingId/plan-versions/:version/copies/email [COPY3]. */
export const emailCopiesRequestSchema = z
  .object({
    recipientName: name,
    address: z.email().check(z.maxLength(254)),
    what,
    /** Whose part to send, when `what` holds `my-part`. */
    personKey: z.optional(personKey),
  })
  .check(
    z.refine((request) => !request.what.includes('my-part') || request.personKey !== undefined, {
      message: 'choose whose part to send',
      path: ['personKey'],
    }),
  );
export type EmailCopiesRequest = z.infer<typeof emailCopiesRequestSchema>;

/** POST /api/meetings/:meetingId/plan-versions/:version/copies/download [COPY5]: one file, for staff to hand over. */
export const staffCopyRequestSchema = z
  .object({ recipientName: name, what: z.enum(copyKinds), personKey: z.optional(personKey) })
  .check(
    z.refine((request) => request.what !== 'my-part' || request.personKey !== undefined, {
      message: 'choose whose part to download',
      path: ['personKey'],
    }),
  );
export type StaffCopyRequest = z.infer<typeof staffCopyRequestSchema>;

/** POST /api/meetings/:meetingId/my-copy/:what [COPY1]: the phone's own copy; nothing in the body. */
export const phoneCopyParamsSchema = z.object({ what: z.enum(copyKinds) });

const encode = encodeURIComponent;
export const copiesPath = (familyId: string): string => `/api/families/${encode(familyId)}/copies`;
export const emailCopiesPath = (meetingId: string, version: number): string =>
  `/api/meetings/${encode(meetingId)}/plan-versions/${version}/copies/email`;
export const staffCopyPath = (meetingId: string, version: number): string =>
  `/api/meetings/${encode(meetingId)}/plan-versions/${version}/copies/download`;
export const phoneCopyPath = (meetingId: string, kind: CopyKind): string =>
  `/api/meetings/${encode(meetingId)}/my-copy/${kind}`;
