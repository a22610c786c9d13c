/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { m } from './paraglide/messages.js';
import * as words from './words.ts';

type AnyMessage = (inputs?: unknown) => string;
const messages = m as unknown as Record<string, AnyMessage>;
const catalogue: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../messages/en.json', import.meta.url), 'utf8'),
);
const keys = Object.keys(catalogue).filter((key) => key !== '$schema');
/** Any input a message asks for reads as "X". */
const anyInputs = new Proxy({}, { get: () => 'X' });

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
    expect(words.presenceWords.count(1)).toBe('1 screen here');
    expect(words.presenceWords.count(2)).toBe('2 screens here');
  });

  it('keeps every message in use, so the catalogue holds no forgotten words', () => {
    // The sign-in page calls its messages directly (the seam words.ts is to shrink, #20).
    const sources = ['./words.ts', './i18n/practice-words.ts', '../routes/signin/+page.svelte']
      .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
      .join('\n');
    const unused = keys.filter((key) => !sources.includes(`m.${key}`));
    expect(unused).toEqual([]);
  });
});

describe("words.ts, the components' facade", () => {
  // Every plain word of every group is the catalogue's message named `<group>_<word>`: the
  // naming rule that makes moving a word into the catalogue a mechanical step.
  const groups = Object.entries(words).filter(
    // Lookup tables keyed by data (a column, a domain, an audit action) are not word groups.
    ([name, value]) =>
      typeof value === 'object' &&
      !['columnTitles', 'domainLabels', 'auditActorWords', 'auditActionWords'].includes(name),
  );

  it('reads every plain word from the catalogue, under its <group>_<word> key', () => {
    // After a merge, a group still written as plain strings shows up here, word by word.
    const notInCatalogue: string[] = [];
    let checked = 0;
    for (const [name, group] of groups) {
      const prefix = name.replace(/Words$/, '');
      for (const [word, value] of Object.entries(group as object)) {
        if (typeof value !== 'string') continue;
        const key = `${prefix}_${word}`;
        if (messages[key]?.() !== value) notInCatalogue.push(key);
        checked += 1;
      }
    }
    expect(notInCatalogue).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('keeps the English words the browser tests and people know', () => {
    expect(words.connectionWords.saved).toBe('All changes saved');
    expect(words.boardWords.addCardTo('Danger')).toBe('Add a card to Danger');
    expect(words.boardWords.moveGroup(0, 'Harm', 'Ana')).toBe('Move card 1 in Harm, written by Ana');
    expect(words.statementWords.panel('worry statements', 'wellbeing goals')).toBe(
      'Worry statements and wellbeing goals',
    );
    expect(words.stoppedSentence(1009)).toBe(words.stoppedSentence(4413));
    expect(words.columnTitles.workingWell).toBe("What's working well?");
    expect(words.domainLabels.pastHarm).toBe('Harm');
    expect(words.chairWords.vocabularyNames.wellbeing).toBe('Wellbeing');
    expect(words.roleNames['observer']).toBe('Observer (can only look)');
    expect(words.roleNames['nobody']).toBeUndefined();
  });
});
