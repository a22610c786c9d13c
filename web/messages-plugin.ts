import { fileURLToPath } from 'node:url';
import { paraglideVitePlugin } from '@inlang/paraglide-js';

/**
 * Compiles the message catalogue (web/messages/*.json) into src/lib/paraglide/ when Vite starts:
 * for the build, in dev (again on every edit), and for the unit tests, which run from the
 * repository's root; hence the absolute paths. The other options are in
 * project.inlang/paraglide.config.js, which `pnpm run messages` reads too.
 */
export const messagesPlugin = () =>
  paraglideVitePlugin({
    project: fileURLToPath(new URL('./project.inlang', import.meta.url)),
    outdir: fileURLToPath(new URL('./src/lib/paraglide', import.meta.url)),
  });
