import type { ClientInit } from '@sveltejs/kit';
import { registerPhoneLanguage } from '$lib/i18n/phone-language.ts';
import { loadLocale } from '$lib/i18n/locale-loader.ts';
import { getLocale } from '$lib/paraglide/runtime.js';

// Before the first word is read: a family phone's chosen language for its meeting.
registerPhoneLanguage();

// The page's language's words, when it is not English, before anything renders [LANG9].
export const init: ClientInit = () => loadLocale(getLocale());
