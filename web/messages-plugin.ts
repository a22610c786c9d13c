import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, paraglideVitePlugin } from '@inlang/paraglide-js';
import type { Plugin } from 'vite';

const project = fileURLToPath(new URL('./project.inlang', import.meta.url));
const outdir = fileURLToPath(new URL('./src/lib/paraglide', import.meta.url));
const loader = fileURLToPath(new URL('./src/lib/i18n/locale-loader.ts', import.meta.url));

/**
 * Compiles the message catalogue (web/messages/*.json) into src/lib/paraglide/ when Vite starts:
 * for the build, in dev (again on every edit), and for the unit tests, which run from the
 * repository's root; hence the absolute paths. The other options are in
 * project.inlang/paraglide.config.js, which `pnpm run messages` reads too.
 */
export const messagesPlugin = (): Plugin[] => [
  ...[paraglideVitePlugin({ project, outdir })].flat(),
  oneLanguageAPage(),
];

const localesModule = 'virtual:kinboard-locales';
const localeModule = 'virtual:kinboard-locale/';

/**
 * In the browser's build, each language but English becomes a chunk of its own, fetched only by
 * a page that shows it [LANG9]. Paraglide compiles every language into each message's module
 * (src/lib/paraglide/messages/<message>.js), so a phone in English would carry every Welsh and
 * Arabic word its screens use. Here each message module's dispatcher ("Welsh? then
 * cy_<message>…") becomes one call that takes the Welsh words if they are loaded and English
 * otherwise, which leaves the Welsh function unused and out of the bundle (and the bundle
 * smaller by the dispatcher's code); the Welsh words themselves come from a second compile of the catalogue
 * with one module per language (Paraglide's `locale-modules`), served as
 * `virtual:kinboard-locale/cy` and loaded by src/lib/i18n/locale-loader.ts before the page
 * renders. A language's module no longer re-exports English for the words it does not
 * translate: the message module falls back to English itself.
 *
 * The server's render, dev and the unit tests keep every language compiled in, and
 * `virtual:kinboard-locales` is empty there, so loading a language changes nothing.
 */
function oneLanguageAPage(): Plugin {
  const settings = JSON.parse(readFileSync(join(project, 'settings.json'), 'utf8')) as {
    baseLocale: string;
    locales: string[];
  };
  const base = settings.baseLocale;
  const others = settings.locales.filter((locale) => locale !== base);
  const messagesDir = join(outdir, 'messages') + '/';
  let building = false;
  /** The per-language compile, made once per client build. */
  let perLanguage: Promise<string> | undefined;
  const split = (ssr: boolean | undefined) => building && !ssr;

  return {
    name: 'kinboard:one-language-a-page',
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId(id) {
      if (id === localesModule || id.startsWith(localeModule)) return `\0${id}`;
    },
    async load(id, options) {
      if (id === `\0${localesModule}`) {
        if (!split(options?.ssr)) return 'export const loaders = {};';
        const entries = others.map(
          (locale) => `${JSON.stringify(locale)}: () => import(${JSON.stringify(localeModule + locale)})`,
        );
        return `export const loaders = { ${entries.join(', ')} };`;
      }
      if (!id.startsWith(`\0${localeModule}`)) return;
      const locale = id.slice(localeModule.length + 1);
      if (!others.includes(locale)) this.error(`no language ${locale} in project.inlang/settings.json`);
      perLanguage ??= (async () => {
        const dir = mkdtempSync(join(tmpdir(), 'kinboard-languages-'));
        await compile({ project, outdir: dir, outputStructure: 'locale-modules', emitReadme: false });
        return dir;
      })();
      const dir = await perLanguage;
      const code = readFileSync(join(dir, 'messages', `${locale}.js`), 'utf8');
      const registry = '"../registry.js"';
      if (!code.includes(registry)) this.error(`Paraglide's ${locale}.js no longer imports ${registry}`);
      return code
        .replace(registry, JSON.stringify(join(outdir, 'registry.js')))
        .replaceAll(new RegExp(`^export \\{ \\w+ \\} from "\\./${base}\\.js"$`, 'gm'), '');
    },
    buildEnd() {
      if (!perLanguage) return;
      void perLanguage.then((dir) => rmSync(dir, { recursive: true, force: true }));
      perLanguage = undefined;
    },
    transform(code, id, options) {
      if (!split(options?.ssr) || !id.startsWith(messagesDir) || id.endsWith('/_index.js')) return;
      // Paraglide's dispatcher, `[export] const <id> = /** @type … */ ((inputs…, options = {}) => {
      // …if (locale === "cy") return cy_<id>(inputs)… return en_<id>(inputs) });`, becomes one
      // call of locale-loader.ts's `message`, which picks the loaded language or English.
      const dispatcher =
        /^(export const|const) (\w+) = \/\*\*(?:(?!\*\/)[^])*\*\/ \(\((?:inputs|inputs = \{\}), options = \{\}\) => \{\n(?:[^\n]*\n)*?\}\);?$/m;
      const match = dispatcher.exec(code);
      const name = match?.[2];
      if (!match || !name || !match[0].includes(`return ${base}_${name}(inputs)`))
        this.error(`Paraglide's ${id} no longer has the message dispatcher this plugin rewrites`);
      const out = code.replace(
        match[0],
        `${match[1]} ${name} = /* @__PURE__ */ __message(${JSON.stringify(name)}, ${base}_${name});`,
      );
      return { code: `import { message as __message } from ${JSON.stringify(loader)};\n${out}`, map: null };
    },
  };
}
