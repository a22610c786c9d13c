import { getLocale } from '../paraglide/runtime.js';

/**
 * Numbers and lists as the reader's language writes them [LANG6]: the browser's Intl
 * knows each language's digits, separators and month names, so no table of ours does.
 */
export const localNumber = (value: number): string => new Intl.NumberFormat(getLocale()).format(value);

export const localList = (items: readonly string[]): string =>
  new Intl.ListFormat(getLocale(), { type: 'unit', style: 'short' }).format(items);

/**
 * The language tag dates are written in: the reader's language, or for English the browser's
 * own English (en-GB writes "5 December 2026", plain "en" the American way) [LANG21].
 */
export const dateLocale = (): string => {
  const locale = getLocale();
  if (locale !== 'en') return locale;
  const english =
    typeof navigator === 'undefined' ? undefined : navigator.languages.find((tag) => /^en\b/i.test(tag));
  return english ?? 'en-GB';
};

/** A date (and, if asked, a time) as the reader's language writes it [LANG21]. */
export const localDate = (at: Date | number, options: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat(dateLocale(), options).format(at);

/** A `YYYY-MM-DD` day as the reader's language writes it in full (3 March 2051). */
export const longDate = (day: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
