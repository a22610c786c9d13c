import { childrenServicesJargon, judgementWords, type PlainWordsEntry } from './plain-words-lists.ts';

export type ListMarkKind = 'jargon' | 'judgement';

export interface ListMark {
  kind: ListMarkKind;
  /** Offsets into the text, end exclusive. */
  start: number;
  end: number;
  words: string;
  suggestion: string;
}

const escape = (words: string) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longer entries first, so "safeguarding concerns" wins over "safeguarding". */
const patterns = (
  [
    ...judgementWords.map((entry) => ['judgement', entry] as const),
    ...childrenServicesJargon.map((entry) => ['jargon', entry] as const),
  ] satisfies (readonly [ListMarkKind, PlainWordsEntry])[]
)
  .sort((a, b) => b[1].words.length - a[1].words.length)
  .map(([kind, entry]) => ({
    kind,
    entry,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}-])${escape(entry.words)}(?![\\p{L}\\p{N}-])`, 'giu'),
  }));

/** Where Kinboard's own lists find jargon or judgement words in a text [WORDS2]; none overlap. */
export function matchPlainWordsLists(text: string): ListMark[] {
  const marks: ListMark[] = [];
  for (const { kind, entry, pattern } of patterns)
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (marks.some((mark) => start < mark.end && mark.start < end)) continue;
      marks.push({ kind, start, end, words: match[0], suggestion: entry.suggestion });
    }
  return marks.sort((a, b) => a.start - b.start);
}
