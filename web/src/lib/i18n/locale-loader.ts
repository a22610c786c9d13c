import { loaders } from 'virtual:kinboard-locales';
import { baseLocale, getLocale, type Locale } from '$lib/paraglide/runtime.js';

/**
 * The words of a language other than English, once the page has loaded them [LANG9]. In the
 * browser's build (web/messages-plugin.ts) every message reads its Welsh or Arabic words from
 * here and falls back to English, and each language is a chunk of its own: a phone downloads
 * the Welsh or Arabic words only when it is going to show them. Elsewhere (the server's
 * render, dev, the unit tests) every language is compiled in and there is nothing to load.
 */
export const loadedLocales: Partial<Record<Locale, Record<string, unknown>>> = {};

/**
 * Fetches one language's words (one request, once); English is always there. A phone whose
 * request fails (the link dropped) starts in English rather than not at all, and tries again
 * on its next page load.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  const load = loaders[locale];
  if (!load || loadedLocales[locale]) return;
  try {
    loadedLocales[locale] = await load();
  } catch {
    // English it is, for this page.
  }
}

type Words = (inputs?: Record<string, unknown>) => string;

/**
 * One message in the browser's build: the page's language's words when they are loaded and
 * translate it, else English. Paraglide's own per-message dispatcher is replaced by this.
 */
export const message =
  (id: string, english: Words) =>
  (inputs: Record<string, unknown> = {}, options: { locale?: Locale } = {}): string => {
    const locale = options.locale ?? getLocale();
    const words = locale === baseLocale ? undefined : loadedLocales[locale]?.[id];
    return (typeof words === 'function' ? (words as Words) : english)(inputs);
  };
