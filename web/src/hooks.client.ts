import { registerPhoneLanguage } from '$lib/i18n/phone-language.ts';

// Before the first word is read: a family phone's chosen language for its meeting.
registerPhoneLanguage();
