import * as z from 'zod/mini';

/**
 * An authority's own name for the framework ("Signs of Stability"). A label, not a structure:
 * a few plain words, no "Signs of" (we add it), and not one of the three vocabularies' own names.
 */
export const customLabelSchema = z.pipe(
  z.string().check(
    z.trim(),
    z.minLength(2, 'a label needs at least two letters'),
    z.maxLength(24, 'a label is at most 24 characters'),
    z.regex(/^\p{L}[\p{L}' -]*$/u, 'a label is plain words: letters, spaces, hyphens or apostrophes'),
    z.refine((label) => !/^signs\s+of\b/i.test(label), 'leave out "Signs of": it is added for you'),
    z.refine(
      (label) => !/^(safety|wellbeing|success)$/i.test(label),
      'that is a vocabulary: choose it instead',
    ),
  ),
  z.transform(capitalise),
);

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type CustomLabelResult = { ok: true; label: string } | { ok: false; error: string };

/** Checks a label typed in settings; a bad one comes back as a plain sentence, never a throw. */
export function parseCustomLabel(raw: unknown): CustomLabelResult {
  const parsed = customLabelSchema.safeParse(raw);
  if (parsed.success) return { ok: true, label: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'that label cannot be used' };
}
