/// <reference types="node" />
import { wordsFor } from '@kinboard/shared';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Proves that a second language needs no component change: the English catalogue is compiled
 * beside a made-up pseudo-locale `en-XA` (every sentence wrapped in ⟦ ⟧: a test of the
 * mechanism, not a translation) and the messages, unchanged, are read from the result.
 */
const compiled = vi.hoisted(async () => {
  const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { compile } = await import('@inlang/paraglide-js');

  const web = new URL('../../../', import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'kinboard-locale-'));
  const project = join(dir, 'project.inlang');
  cpSync(new URL('project.inlang/settings.json', web), join(project, 'settings.json'));
  const settings = JSON.parse(readFileSync(join(project, 'settings.json'), 'utf8'));
  settings.locales = ['en', 'en-XA'];
  // The plugin is loaded from web/node_modules, as in the real project: no network.
  settings.modules = [new URL('node_modules/@inlang/plugin-message-format/dist/index.js', web).pathname];
  writeFileSync(join(project, 'settings.json'), JSON.stringify(settings));

  const english = readFileSync(new URL('messages/en.json', web), 'utf8');
  const pseudo = (text: string) => `⟦${text}⟧`;
  const wrap = (value: unknown): unknown =>
    typeof value === 'string'
      ? pseudo(value)
      : Array.isArray(value)
        ? value.map((variant: { match: Record<string, string> }) => ({
            ...variant,
            match: Object.fromEntries(Object.entries(variant.match).map(([k, v]) => [k, pseudo(v)])),
          }))
        : value;
  const pseudoCatalogue = Object.fromEntries(
    Object.entries(JSON.parse(english) as Record<string, unknown>)
      // One word left untranslated, to show it falls back to English.
      .filter(([key]) => key !== 'connection_reload')
      .map(([key, value]) => [key, key === '$schema' ? value : wrap(value)]),
  );
  const messagesDir = join(dir, 'messages');
  cpSync(new URL('messages/en.json', web), join(messagesDir, 'en.json'));
  writeFileSync(join(messagesDir, 'en-XA.json'), JSON.stringify(pseudoCatalogue));

  const outdir = join(dir, 'paraglide');
  await compile({ project, outdir, strategy: ['baseLocale'], emitReadme: false });
  return { dir, outdir };
});

vi.mock(
  '../paraglide/messages.js',
  async () => import(/* @vite-ignore */ `${(await compiled).outdir}/messages.js`),
);

const { outdir, dir } = await compiled;
const runtime = await import(/* @vite-ignore */ `${outdir}/runtime.js`);
const { m } = await import('../paraglide/messages.js');
const { stoppedSentence } = await import('./server-sentences.ts');
const { localiseWords } = await import('./practice-words.ts');

afterAll(async () => {
  const { rmSync } = await import('node:fs');
  rmSync(dir, { recursive: true, force: true });
});

describe('a second language', () => {
  it('changes every word on screen without touching a component, falling back to English for a missing one', () => {
    runtime.overwriteGetLocale(() => 'en');
    expect(m.connection_saved()).toBe('All changes saved');
    runtime.overwriteGetLocale(() => 'en-XA');
    expect(m.connection_saved()).toBe('⟦All changes saved⟧');
    expect(m.board_addCardTo({ domain: 'Danger' })).toBe('⟦Add a card to Danger⟧');
    expect(m.presence_count({ count: 3 })).toBe('⟦3 screens here⟧');
    expect(stoppedSentence(4410)).toBe('⟦This meeting has finished. The board is no longer shared.⟧');
    expect(localiseWords(wordsFor('wellbeing')).statement.one).toBe('⟦worry statement⟧');
    expect(m.connection_reload()).toBe('Reload the page');
    // Words are read when shown, so switching back needs no reload of this module.
    runtime.overwriteGetLocale(() => 'en');
    expect(m.connection_saved()).toBe('All changes saved');
  });
});
