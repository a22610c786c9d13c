import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardWords,
  initialiseBoardSettings,
  readBoardSettings,
  settingsOf,
  writeBoardSettings,
} from './board-settings.ts';
import { addCard, readCards } from './card.ts';
import { pairStatementWithGoal, readStatementPairs } from './statement-pair.ts';

describe('board settings', () => {
  it('reads as Safety with no label until set', () => {
    expect(readBoardSettings(new Y.Doc())).toEqual({ vocabularyId: 'safety' });
  });

  it("takes the meeting type's vocabulary once, and keeps a choice already made", () => {
    const doc = new Y.Doc();
    initialiseBoardSettings(doc, 'team-around-the-family');
    expect(readBoardSettings(doc).vocabularyId).toBe('wellbeing');
    writeBoardSettings(doc, { vocabularyId: 'safety' });
    initialiseBoardSettings(doc, 'looked-after-review');
    expect(readBoardSettings(doc).vocabularyId).toBe('safety');
  });

  it('sets and clears a custom label, refusing a bad one as a value', () => {
    const doc = new Y.Doc();
    expect(writeBoardSettings(doc, { vocabularyId: 'success', customLabel: 'stability' })).toEqual({
      ok: true,
      settings: { vocabularyId: 'success', customLabel: 'Stability' },
    });
    expect(boardWords(doc).frameworkName).toBe('Signs of Stability');
    const refused = writeBoardSettings(doc, { customLabel: 'Signs of Stability' });
    expect(refused.ok).toBe(false);
    expect(readBoardSettings(doc).customLabel).toBe('Stability');
    writeBoardSettings(doc, { customLabel: null });
    expect(boardWords(doc).frameworkName).toBe('Signs of Success');
    expect(writeBoardSettings(doc, { vocabularyId: 'kindness' as never }).ok).toBe(false);
  });

  it('reads each field on its own when one is malformed', () => {
    const doc = new Y.Doc();
    settingsOf(doc).set('vocabularyId', 'wellbeing');
    settingsOf(doc).set('customLabel', 42);
    expect(readBoardSettings(doc)).toEqual({ vocabularyId: 'wellbeing' });
    settingsOf(doc).set('vocabularyId', 'nonsense');
    expect(readBoardSettings(doc).vocabularyId).toBe('safety');
  });

  it('relabels the map when the vocabulary switches, and never changes what people wrote', () => {
    const doc = new Y.Doc();
    initialiseBoardSettings(doc, 'team-around-the-family');
    addCard(doc, {
      domain: 'existingSafety',
      text: 'Uncle Femi drives Tayo in on Mondays.',
      author: 'Grace',
      perspective: 'family',
    });
    pairStatementWithGoal(doc, {
      statement: 'Tayo feels too anxious to go to school.',
      goal: 'Tayo goes every day.',
    });
    const before = JSON.stringify([readCards(doc), readStatementPairs(doc)]);
    expect(boardWords(doc).domains.existingSafety.title).toBe('Existing wellbeing');
    writeBoardSettings(doc, { vocabularyId: 'safety' });
    expect(boardWords(doc).domains.existingSafety.title).toBe('Existing safety');
    expect(boardWords(doc).statement.one).toBe('danger statement');
    expect(JSON.stringify([readCards(doc), readStatementPairs(doc)])).toBe(before);
  });
});
