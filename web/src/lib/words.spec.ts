/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canvasNames, vocabularyNames } from './i18n/board-names.ts';
import { creditLabel } from './i18n/credit-label.ts';
import { domainLabels } from './i18n/record-names.ts';
import { roleNames } from './i18n/role-names.ts';
import { stoppedSentence } from './i18n/server-sentences.ts';
import { m } from './paraglide/messages.js';

type AnyMessage = (inputs?: unknown) => string;
const messages = m as unknown as Record<string, AnyMessage>;
const catalogue: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../messages/en.json', import.meta.url), 'utf8'),
);
const keys = Object.keys(catalogue).filter((key) => key !== '$schema');
/** Any input a message asks for reads as "X". */
const anyInputs = new Proxy({}, { get: () => 'X' });

/** Every component and module of the web app but Paraglide's output and the specs. */
function sources(dir = fileURLToPath(new URL('..', import.meta.url))): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sources(path);
    return /\.(svelte|ts)$/.test(entry.name) && !entry.name.includes('.spec.') ? [path] : [];
  });
}

describe('the English catalogue', () => {
  it('compiles every message to a non-empty sentence', () => {
    expect(keys.length).toBeGreaterThan(200);
    for (const key of keys) {
      const text = messages[key]?.(anyInputs);
      expect(text, key).toMatch(/\S/);
      expect(text, key).not.toContain('undefined');
      expect(text, key).not.toBe(key); // what Paraglide answers when no variant matches
    }
  });

  it('says "1 screen" and "2 screens" through its plural rules, not string building', () => {
    expect(m.presence_count({ count: 1 })).toBe('1 screen here');
    expect(m.presence_count({ count: 2 })).toBe('2 screens here');
  });

  it('keeps every message in use, so the catalogue holds no forgotten words', () => {
    // Components call their messages directly (`m.board_addCard()`) [WORDS4]; a message no
    // source names is a word nobody sees, left behind by a change.
    const text = sources()
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = keys.filter((key) => !new RegExp(`\\bm\\.${key}\\b`).test(text));
    expect(unused).toEqual([]);
  });
});

describe('the words that depend on data', () => {
  it('keeps the English words the browser tests and people know', () => {
    expect(m.connection_saved()).toBe('All changes saved');
    expect(m.board_addCardTo({ domain: 'Danger' })).toBe('Add a card to Danger');
    expect(stoppedSentence(1009)).toBe(stoppedSentence(4413));
    expect(domainLabels.pastHarm).toBe('Harm');
    expect(vocabularyNames.wellbeing).toBe('Wellbeing');
    expect(canvasNames.genogram).toMatch(/\S/);
    expect(roleNames['observer']).toBe('Observer (can only look)');
    expect(roleNames['nobody']).toBeUndefined();
    expect(creditLabel({ name: 'Pat Hollis', relationship: 'Nan' })).toBe(
      m.board_credit({ name: 'Pat Hollis', relationship: 'Nan' }),
    );
  });
});
