// Paraglide's compiler options, found here by the CLI (`pnpm run messages`), the Vite plugin
// (build and dev) and the unit tests alike, so the three always compile the same catalogue.
import { defineConfig } from '@inlang/paraglide-js';

export default defineConfig({
  outdir: './src/lib/paraglide',
  // The browser's own languages (Accept-Language on the server, navigator.languages in the
  // page), then English. Nothing is stored on the device: 'cookie' would write a long-lived
  // cookie on every family phone. A language switch, when there is one, puts 'cookie' first.
  strategy: ['preferredLanguage', 'baseLocale'],
  // Lets Vite drop the server-only branches from the browser's bundle.
  isServer: 'import.meta.env.SSR',
  emitReadme: false,
});
