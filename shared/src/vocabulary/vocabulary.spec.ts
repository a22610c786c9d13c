import { describe, expect, it } from 'vitest';
import { columnIds, domainIds } from './domains.ts';
import { meetingTypeIds, meetingTypes } from './meeting-types.ts';
import { vocabularyIds, wordsFor, type Words } from './vocabulary.ts';

/** Every string in a word set, with the path it was found at. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => leaves(inner, `${path}.${key}`));
}

function expectComplete(words: Words): void {
  expect(Object.keys(words.columns).sort()).toEqual([...columnIds].sort());
  expect(Object.keys(words.domains).sort()).toEqual([...domainIds].sort());
  for (const [path, text] of leaves(words)) expect(text.trim(), path).not.toBe('');
}

describe('wordsFor', () => {
  it.each(vocabularyIds)('gives a complete word set for %s', (id) => expectComplete(wordsFor(id)));

  it.each(meetingTypeIds)("gives every word for %s's default vocabulary", (typeId) =>
    expectComplete(wordsFor(meetingTypes[typeId].defaultVocabulary)),
  );

  it("follows the primer's table row by row", () => {
    const row = (id: (typeof vocabularyIds)[number]) => {
      const w = wordsFor(id);
      return [
        w.domains.pastHarm.title,
        w.domains.futureDanger.title,
        w.statement.one,
        w.domains.complicatingFactors.title,
        w.domains.existingStrengths.title,
        w.domains.existingSafety.title,
        w.domains.goals.title,
        w.domains.nextSteps.title,
      ];
    };
    const same = ['Complicating factors', 'Existing strengths'];
    expect(row('safety')).toEqual([
      'Harm',
      'Danger',
      'danger statement',
      ...same,
      'Existing safety',
      'Safety goals',
      'Next steps',
    ]);
    expect(row('wellbeing')).toEqual([
      'Wellbeing concerns',
      'Critical worries',
      'worry statement',
      ...same,
      'Existing wellbeing',
      'Wellbeing goals',
      'Next steps',
    ]);
    expect(row('success')).toEqual([
      'Worrying behaviour',
      'Critical worries',
      'worry statement',
      ...same,
      'Existing success',
      'Success goals',
      'Next steps',
    ]);
  });

  it('has singular and plural forms for statements and goals', () => {
    const safety = wordsFor('safety');
    expect(safety.statement).toEqual({ one: 'danger statement', many: 'danger statements' });
    expect(safety.goal).toEqual({ one: 'safety goal', many: 'safety goals' });
    expect(wordsFor('success').goal.many).toBe('success goals');
  });

  it('names the framework and the columns', () => {
    expect(wordsFor('safety').frameworkName).toBe('Signs of Safety');
    expect(wordsFor('wellbeing').frameworkName).toBe('Signs of Wellbeing');
    expect(wordsFor('success').columns).toEqual({
      worries: 'What are we worried about?',
      workingWell: "What's working well?",
      needsToHappen: 'What needs to happen?',
    });
  });

  it('lets a custom label rename the framework and nothing else', () => {
    const stability = wordsFor('success', 'stability');
    expect(stability.frameworkName).toBe('Signs of Stability');
    expect(stability.label).toBe('Stability');
    expect({ ...stability, label: 'Success', frameworkName: 'Signs of Success' }).toEqual(
      wordsFor('success'),
    );
  });

  it('keeps Signs of Safety whatever the label, and ignores a label that is not valid', () => {
    expect(wordsFor('safety', 'Belonging').frameworkName).toBe('Signs of Safety');
    expect(wordsFor('wellbeing', 'Signs of Things').frameworkName).toBe('Signs of Wellbeing');
  });

  it('hands out a copy, so one caller cannot change the words for everyone', () => {
    wordsFor('safety').domains.pastHarm.title = 'Changed';
    expect(wordsFor('safety').domains.pastHarm.title).toBe('Harm');
  });
});
