import { z } from 'zod';

const shortText = (what: string, max = 120) => z.string().trim().min(1, what).max(max);
const isoDate = z.iso.date({ message: 'a date like 2026-03-14' });

export const childSchema = z
  .object({ name: shortText('the child’s name'), bornOn: isoDate.optional() })
  .strict();

/** A person in the family's network: how they know the child, and how to reach them if given. */
export const networkMemberSchema = z
  .object({
    name: shortText('a name'),
    relationship: shortText('how they know the child'),
    contact: z.string().trim().max(200).optional(),
  })
  .strict();

/** POST /api/families. */
export const newFamilyRequestSchema = z
  .object({
    name: shortText('the family’s name'),
    children: z.array(childSchema).max(20).default([]),
    network: z.array(networkMemberSchema).max(100).default([]),
  })
  .strict();
export type NewFamilyRequest = z.infer<typeof newFamilyRequestSchema>;

/** POST /api/families/:id/access (administrators). */
export const accessGrantRequestSchema = z.object({ staffId: z.string().min(1).max(64) }).strict();
export type AccessGrantRequest = z.infer<typeof accessGrantRequestSchema>;

/** POST /api/families/:id/meetings. */
export const newMeetingRequestSchema = z
  .object({
    type: z.string().min(1).max(64),
    date: isoDate,
    title: shortText('a title', 200),
  })
  .strict();
export type NewMeetingRequest = z.infer<typeof newMeetingRequestSchema>;

/** POST /api/families/:id/erase: the family's name typed again, as the confirmation [ERASE1]. */
export const familyErasureRequestSchema = z.object({ confirmName: z.string().max(200) }).strict();
export type FamilyErasureRequest = z.infer<typeof familyErasureRequestSchema>;
