/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { m } from '../paraglide/messages.js';
import { locales } from '../paraglide/runtime.js';

type Message = (inputs?: unknown, options?: { locale?: string }) => string;
const messages = m as unknown as Record<string, Message>;
const read = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../messages/${file}`, import.meta.url), 'utf8'));
const english = read('en.json');
const review = read('translation-review.json') as Record<string, { status?: string }>;
const translated = ['cy', 'ar'] as const;
/** The inputs a message names ({name}, {count}), whatever the language around them. */
const inputsOf = (value: unknown): string[] =>
  [...new Set(JSON.stringify(value).match(/\{\w+\}/g) ?? [])]
    .map((input) => input.replace(/Text\}$/, '}'))
    .sort();

describe.each(translated)('the %s catalogue', (locale) => {
  const catalogue = read(`${locale}.json`);
  const keys = Object.keys(catalogue).filter((key) => key !== '$schema');

  it('[LANG4] is a shipped locale, marked as needing review by a fluent speaker', () => {
    expect(locales).toContain(locale);
    expect(review[locale]?.status).toBe('needs review');
  });

  it('[LANG5] translates only words the English catalogue has, with the same inputs', () => {
    expect(keys.length).toBeGreaterThan(300);
    for (const key of keys) {
      expect(english, key).toHaveProperty(key);
      expect(inputsOf(catalogue[key]), key).toEqual(inputsOf(english[key]));
    }
  });

  it('[LANG5] [LANG20] covers every word of the join page, the phone board, the plan, my part and the pass pages', () => {
    const family =
      /^(join|phone|connection|refused|stopped|board|presence|myPart|term|practice|statement|agreement_(question|yes|no|answered|change|reason|sendNo)|plan_(title|rules|offer|locked|agreedLocked|what|when|who)|scaling_(yourNumber|private|saved|reason|title)|pass_|passDrafts_|journal_(title|none|entries|by|happenedOn|whoWasThere|rule|held|partly|notHeld|readBy|unread|reply|photoOf)\b)/;
    const missing = Object.keys(english).filter((key) => family.test(key) && !keys.includes(key));
    expect(missing).toEqual([]);
    expect(messages.join_ask!({}, { locale })).not.toBe(messages.join_ask!({}, { locale: 'en' }));
  });
});

describe('[LANG6] plural rules per language', () => {
  const count = (value: number, locale: string) => messages.presence_count!({ count: value }, { locale });

  it('say one and two and few as Arabic does', () => {
    expect(count(1, 'ar')).toBe('شاشة واحدة هنا');
    expect(count(2, 'ar')).toBe('شاشتان هنا');
    expect(count(3, 'ar')).toBe('3 شاشات هنا');
    expect(count(11, 'ar')).toBe('11 شاشة هنا');
  });

  it('say one, two, three and six as Welsh does, then the numeral with the singular', () => {
    expect(count(1, 'cy')).toBe('Un sgrin yma');
    expect(count(2, 'cy')).toBe('Dwy sgrin yma');
    expect(count(3, 'cy')).toBe('Tair sgrin yma');
    expect(count(6, 'cy')).toBe('Chwe sgrin yma');
    expect(count(1200, 'cy')).toBe(`${new Intl.NumberFormat('cy').format(1200)} sgrin yma`);
  });

  it("[LANG21] count a pass page's character limit in each language", () => {
    const hint = (value: number, locale: string) => messages.pass_textHint!({ count: value }, { locale });
    expect(hint(1, 'en')).toBe('At most 1 character.');
    expect(hint(2000, 'en')).toBe('At most 2,000 characters.');
    expect(hint(2, 'cy')).toBe('Dau nod ar y mwyaf.');
    expect(hint(2, 'ar')).toBe('حرفان على الأكثر.');
    expect(hint(2000, 'ar')).toBe(`${new Intl.NumberFormat('ar').format(2000)} حرف على الأكثر.`);
  });

  it('leave English as it was', () => {
    expect(count(1, 'en')).toBe('1 screen here');
    expect(count(2, 'en')).toBe('2 screens here');
  });
});

describe('[LANG2] words no family sees', () => {
  it('fall back to English in the other languages', () => {
    expect(messages.chair_agenda!({}, { locale: 'cy' })).toBe(messages.chair_agenda!({}, { locale: 'en' }));
  });
});
