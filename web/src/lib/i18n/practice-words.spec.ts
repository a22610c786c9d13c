import { vocabularyIds, wordsFor } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import { localiseWords } from './practice-words.ts';

describe("the practice's words in the catalogue", () => {
  it.each(vocabularyIds)('are, in English, exactly the words of the %s vocabulary', (vocabularyId) => {
    expect(localiseWords(wordsFor(vocabularyId))).toEqual(wordsFor(vocabularyId));
  });

  it("keep an authority's own label as it was typed", () => {
    const words = localiseWords(wordsFor('wellbeing', 'Stability'));
    expect(words.label).toBe('Stability');
    expect(words.frameworkName).toBe('Signs of Stability');
    expect(words.goal.one).toBe('wellbeing goal');
  });
});
