import * as z from 'zod/mini';

/**
 * Who wrote something, as the server recorded them [FIRST3]: the name a guest gave when they
 * joined and how they know the child (or a staff member's account name), with the role the
 * chair gave. Screens and exports credit a card or an entry by looking its `authorId` up here,
 * never by the name a screen wrote into the card.
 */
export const creditSchema = z.strictObject({
  /** The participant key a card's `authorId` holds (`guest:<id>` or `staff:<id>`). */
  key: z.string().check(z.minLength(1), z.maxLength(120)),
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  /** How a guest knows the child, in their words; absent for staff. */
  relationship: z.optional(z.string().check(z.maxLength(120))),
  /** `staff`, or the role the chair gave a guest (`family`, `network`, ...); absent while waiting. */
  role: z.optional(z.string().check(z.maxLength(32))),
  /** Sent before the meeting by someone who could not come, and brought in by the chair [PRIOR4]. */
  sentBefore: z.optional(z.literal(true)),
});
export type Credit = z.infer<typeof creditSchema>;

/** GET /api/meetings/:id/authors. */
export const meetingAuthorsSchema = z.strictObject({ authors: z.array(creditSchema) });
export type MeetingAuthors = z.infer<typeof meetingAuthorsSchema>;

/** Roles whose words are the family's own: a section titled so holds nobody else's [EXPORT5]. */
export const familyVoiceRoles: readonly string[] = ['family', 'child'];

/** Everyone the server recorded for a meeting, by participant key. */
export type AuthorDirectory = ReadonlyMap<string, Credit>;

export const authorDirectoryOf = (credits: readonly Credit[]): AuthorDirectory =>
  new Map(credits.map((credit) => [credit.key, credit]));

/**
 * The name to show for something written under `authorId`: the recorded name when the server
 * knows the writer; otherwise the name stored with it, which only the seed and boards made
 * before sign-in (no `authorId`) carry.
 */
export function creditFor(
  directory: AuthorDirectory,
  authorId: string | undefined,
  storedName: string,
): { name: string; relationship?: string; role?: string; sentBefore?: true; recorded: boolean } {
  const credit = authorId === undefined ? undefined : directory.get(authorId);
  if (!credit) return { name: storedName, recorded: false };
  return {
    name: credit.name,
    recorded: true,
    ...(credit.relationship ? { relationship: credit.relationship } : {}),
    ...(credit.role ? { role: credit.role } : {}),
    ...(credit.sentBefore ? { sentBefore: true as const } : {}),
  };
}

/** True when the server recorded this writer as the family or a child [EXPORT5]. */
export const isFamilyVoice = (directory: AuthorDirectory, authorId: string | undefined): boolean =>
  authorId !== undefined && familyVoiceRoles.includes(directory.get(authorId)?.role ?? '');
