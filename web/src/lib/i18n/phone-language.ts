import {
  defineCustomClientStrategy,
  getLocale,
  isLocale,
  locales,
  type Locale,
} from '$lib/paraglide/runtime.js';

/**
 * A family phone's language, chosen for one meeting [LANG1]. It lives in the tab's
 * sessionStorage (gone when the tab closes) and is read on the family's pages only, so the
 * chair's and the projector's screens keep their browser's language [LANG2]; the phone forgets
 * it as soon as its meeting ends for it [LANG3]. Nothing is written to a cookie or localStorage.
 */
const storageKey = 'kinboard-phone-language';

/**
 * The pages a family's phone shows: the way in, the board, a drawing opened from it, and a
 * network pass (the plan between meetings, a meeting's drafts) [LANG20].
 */
export const isFamilyPage = (path: string): boolean =>
  /^\/(join|phone|pass)(\/|$)/.test(path) || /^\/meeting\/[^/]+\/drawing\//.test(path);

const stored = (): string | null => {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null; // storage switched off: the phone follows its browser's language
  }
};

/** Registers the strategy; called once from hooks.client.ts, before any word is read. */
export function registerPhoneLanguage(): void {
  defineCustomClientStrategy('custom-phone', {
    getLocale: () => {
      const chosen = stored();
      return isFamilyPage(location.pathname) && chosen && isLocale(chosen) ? chosen : undefined;
    },
    // Paraglide also calls this to keep whatever locale it resolved (the browser's): that must
    // leave nothing behind, so only the person's own choice below writes the storage.
    setLocale: () => {},
  });
  markDocument();
}

/** Right-to-left scripts among the shipped languages. */
const rightToLeft = new Set<string>(['ar']);
export const directionOf = (locale: string): 'rtl' | 'ltr' => (rightToLeft.has(locale) ? 'rtl' : 'ltr');

/** The page's <html lang dir>, so screen readers and the layout follow the phone's language. */
export function markDocument(): void {
  if (!isFamilyPage(location.pathname)) return;
  const locale = getLocale();
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** Each language named in itself ("Cymraeg", "العربية"), as a person looks for their own. */
export const languageChoices = (): { locale: Locale; name: string }[] =>
  locales.map((locale) => ({
    locale,
    name: new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale,
  }));

/** Switches the phone's language; the page reloads in it and the phone rejoins as before. */
export function choosePhoneLanguage(locale: Locale): void {
  try {
    sessionStorage.setItem(storageKey, locale);
  } catch {
    return; // storage switched off: the phone keeps its browser's language
  }
  location.reload();
}

/** The meeting (or the pass) is over for this phone: nothing of the choice stays behind [LANG3] [LANG20]. */
export function forgetPhoneLanguage(): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // nothing was stored
  }
}
