// Paraglide's compiler options, found here by the CLI (`pnpm run messages`), the Vite plugin
// (build and dev) and the unit tests alike, so the three always compile the same catalogue.
import { defineConfig } from '@inlang/paraglide-js';

export default defineConfig({
  outdir: './src/lib/paraglide',
  // A family phone's own choice for this meeting (src/lib/i18n/phone-language.ts: kept in the
  // tab's sessionStorage on the family's pages only, forgotten when the meeting ends), then the
  // browser's own languages (Accept-Language on the server, navigator.languages in the page),
  // then English. No cookie: 'cookie' would write a long-lived cookie on every family phone.
  strategy: ['custom-phone', 'preferredLanguage', 'baseLocale'],
  // Lets Vite drop the server-only branches from the browser's bundle.
  isServer: 'import.meta.env.SSR',
  emitReadme: false,
});
