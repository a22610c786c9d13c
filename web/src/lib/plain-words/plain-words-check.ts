import { longSentenceWords } from '@kinboard/shared/plain-words/plain-words-lists';
import { matchPlainWordsLists } from '@kinboard/shared/plain-words/plain-words-match';
import { retext } from 'retext';
import retextEquality from 'retext-equality';
import retextPassive from 'retext-passive';
import retextReadability from 'retext-readability';
import retextSimplify from 'retext-simplify';

/**
 * The plain-words check [WORDS1]: as staff write a statement, a goal or a bottom line, it marks
 * jargon and judgement words (Kinboard's lists in shared), words with a simpler form
 * (retext-simplify), insensitive words (retext-equality), the passive voice with no one doing
 * it (retext-passive, when no "by" follows), sentences over 25 words, and gives the reading
 * age (retext-readability). It runs in the page, with nothing sent anywhere, and never blocks:
 * it only says. Loaded on demand, so no screen pays for it until someone writes on a staff one.
 */
export type PlainWordsMarkKind = 'jargon' | 'judgement' | 'simpler' | 'equality' | 'passive' | 'long';

export interface PlainWordsMark {
  kind: PlainWordsMarkKind;
  start: number;
  end: number;
  /** The words marked, as written. */
  words: string;
  /** A plainer way to say it, when one is known. */
  suggestion?: string | undefined;
}

export interface PlainWordsReport {
  marks: PlainWordsMark[];
  /** The lowest age at which every sentence reads easily, or undefined for very short text. */
  readingAge: number | undefined;
}

/**
 * In a family's meeting Mum, Dad, Nan and "she" are real people, named as they are: the equality
 * check keeps its other words ("addict", "crazy"...) but not these.
 */
const familyWords = [
  ...['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself', 'he-she'],
  ...['mum', 'mom', 'mother', 'dad', 'father', 'nan', 'gran', 'grandma', 'grandad', 'grandfather'],
  ...['grandmother', 'parent', 'wife', 'husband', 'girl', 'boy', 'girls', 'boys', 'daughter', 'son'],
  ...['sister', 'brother', 'aunt', 'uncle', 'niece', 'nephew', 'boyfriend', 'girlfriend', 'man', 'woman'],
  ...['men', 'women', 'lady', 'ladies', 'gentleman', 'mothers', 'fathers', 'mums', 'dads'],
];
const marker = retext().use(retextSimplify).use(retextEquality, { ignore: familyWords }).use(retextPassive);
const youngest = 6;
const oldest = 22;

type Message = Awaited<ReturnType<typeof marker.process>>['messages'][number];

function offsets(message: Message): { start: number; end: number } | undefined {
  const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
  const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** Sentences, with where each starts and ends, split where a sentence ends. */
function sentences(text: string): { start: number; end: number; words: number }[] {
  const found: { start: number; end: number; words: number }[] = [];
  for (const match of text.matchAll(/[^.!?\n]+[.!?]*/g)) {
    const words = match[0].trim().split(/\s+/).filter(Boolean).length;
    if (words > 0) found.push({ start: match.index, end: match.index + match[0].length, words });
  }
  return found;
}

async function hardAt(text: string, age: number): Promise<boolean> {
  const file = await retext().use(retextReadability, { age, minWords: 5 }).process(text);
  return file.messages.length > 0;
}

/** The youngest age at which no sentence is hard, by halving between 6 and 22. */
async function readingAgeOf(text: string): Promise<number | undefined> {
  if (text.trim().split(/\s+/).length < 5) return undefined;
  if (!(await hardAt(text, youngest))) return youngest;
  let easy = oldest;
  let hard = youngest;
  if (await hardAt(text, oldest)) return oldest;
  while (easy - hard > 1) {
    const middle = Math.floor((easy + hard) / 2);
    if (await hardAt(text, middle)) hard = middle;
    else easy = middle;
  }
  return easy;
}

export async function checkPlainWords(text: string): Promise<PlainWordsReport> {
  const marks: PlainWordsMark[] = matchPlainWordsLists(text).map(
    ({ kind, start, end, words, suggestion }) => ({
      ...{ kind, start, end, words, suggestion },
    }),
  );
  const taken = (start: number, end: number) => marks.some((mark) => start < mark.end && mark.start < end);
  const file = await marker.process(text);
  for (const message of file.messages) {
    const at = offsets(message);
    if (!at || taken(at.start, at.end)) continue;
    const words = text.slice(at.start, at.end);
    if (message.source === 'retext-passive') {
      // Passive with its actor ("was hit by Dad") says who did it: only mark it without one.
      const sentence = sentences(text).find((each) => each.start <= at.start && at.start < each.end);
      const rest = text.slice(at.end, sentence?.end ?? text.length);
      if (/\bby\b/i.test(rest)) continue;
      marks.push({ kind: 'passive', ...at, words });
    } else if (message.source === 'retext-simplify') {
      marks.push({ kind: 'simpler', ...at, words, suggestion: message.expected?.join(', ') || undefined });
    } else if (message.source === 'retext-equality') {
      marks.push({ kind: 'equality', ...at, words, suggestion: message.expected?.join(', ') || undefined });
    }
  }
  for (const sentence of sentences(text))
    if (sentence.words > longSentenceWords)
      marks.push({
        kind: 'long',
        start: sentence.start,
        end: sentence.end,
        words: text.slice(sentence.start, sentence.end).trim(),
      });
  return {
    marks: marks.sort((a, b) => a.start - b.start || a.end - b.end),
    readingAge: await readingAgeOf(text),
  };
}
