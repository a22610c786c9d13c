import { getLocale } from '../paraglide/runtime.js';

/**
 * Numbers and lists as the reader's language writes them [LANG6]: the browser's Intl
 * knows each language's digits, separators and month names, so no table of ours does.
 */
export const localNumber = (value: number): string => new Intl.NumberFormat(getLocale()).format(value);

export const localList = (items: readonly string[]): string =>
  new Intl.ListFormat(getLocale(), { type: 'unit', style: 'short' }).format(items);

/** A `YYYY-MM-DD` day as the reader's language writes it in full (3 March 2051). */
export const longDate = (day: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
