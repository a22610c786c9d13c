import { scalingWording, vocabularyIds, wordsFor } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import { localiseWords, localScalingWording } from './practice-words.ts';

describe("the practice's words in the catalogue", () => {
  it.each(vocabularyIds)('are, in English, exactly the words of the %s vocabulary', (vocabularyId) => {
    expect(localiseWords(wordsFor(vocabularyId))).toEqual(wordsFor(vocabularyId));
  });

  it.each(vocabularyIds)(
    '[SCALE11] carry the %s scaling question with both ends, as shared writes it',
    (id) => {
      expect(localScalingWording(id)).toEqual(scalingWording[id]);
      expect(scalingWording[id].zeroMeans).not.toBe('');
      expect(scalingWording[id].tenMeans).not.toBe('');
    },
  );

  it("keep an authority's own label as it was typed", () => {
    const words = localiseWords(wordsFor('wellbeing', 'Stability'));
    expect(words.label).toBe('Stability');
    expect(words.frameworkName).toBe('Signs of Stability');
    expect(words.goal.one).toBe('wellbeing goal');
  });
});
