import * as z from 'zod/mini';

const shortText = (what: string, max = 120) =>
  z.string().check(z.trim(), z.minLength(1, what), z.maxLength(max));
const isoDate = z.iso.date({ message: 'a date like 2026-03-14' });

export const childSchema = z.strictObject({
  name: shortText('the child’s name'),
  bornOn: z.optional(isoDate),
});

/** A person in the family's network: how they know the child, and how to reach them if given. */
export const networkMemberSchema = z.strictObject({
  name: shortText('a name'),
  relationship: shortText('how they know the child'),
  contact: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});

/** POST /api/families. */
export const newFamilyRequestSchema = z.strictObject({
  name: shortText('the family’s name'),
  children: z._default(z.array(childSchema).check(z.maxLength(20)), []),
  network: z._default(z.array(networkMemberSchema).check(z.maxLength(100)), []),
});
export type NewFamilyRequest = z.infer<typeof newFamilyRequestSchema>;

/** POST /api/families/:id/access (administrators). */
export const accessGrantRequestSchema = z.strictObject({
  staffId: z.string().check(z.minLength(1), z.maxLength(64)),
});
export type AccessGrantRequest = z.infer<typeof accessGrantRequestSchema>;

/** POST /api/families/:id/meetings. */
export const newMeetingRequestSchema = z.strictObject({
  type: z.string().check(z.minLength(1), z.maxLength(64)),
  date: isoDate,
  title: shortText('a title', 200),
});
export type NewMeetingRequest = z.infer<typeof newMeetingRequestSchema>;

/** POST /api/families/:id/erase: the family's name typed again, as the confirmation [ERASE1]. */
export const familyErasureRequestSchema = z.strictObject({ confirmName: z.string().check(z.maxLength(200)) });
export type FamilyErasureRequest = z.infer<typeof familyErasureRequestSchema>;
