import { describe, expect, it } from 'vitest';
import { checkPlainWords, type PlainWordsMarkKind } from './plain-words-check.ts';

/**
 * A corpus of invented statements, goals and bottom lines as staff write them: good ones in
 * plain, behavioural words, and poor ones with the faults the check is there to mark [WORDS3].
 */
const good = [
  'We are worried that when Dani drinks in the evening she falls asleep, and Jack goes out into the street on his own.',
  'Pat, Sam and Dani will make sure a sober adult is with Maisie and Jack every evening and night.',
  'Dani and Pat will never leave Jack on his own at home.',
  'Dad hit Mum in front of Ellie in March. Ellie hid under the table and wet herself.',
  'Ellie was hit by Dad on the arm last Friday.',
];

const poor: [string, PlainWordsMarkKind, string][] = [
  ['Mum is chaotic and the home is dirty.', 'judgement', 'chaotic'],
  ['Dad is uncooperative and hostile with professionals.', 'judgement', 'uncooperative'],
  ['There are safeguarding concerns due to substance misuse.', 'jargon', 'safeguarding concerns'],
  ['Mum has shown non-engagement with multi-agency support.', 'jargon', 'non-engagement'],
  ['Dani failed to attend the appointment.', 'judgement', 'failed to'],
  ['Jack was left alone in the flat.', 'passive', 'left'],
  ['Dad is an alcoholic.', 'equality', 'alcoholic'],
  ['We will utilize the safety plan to facilitate change.', 'simpler', 'utilize'],
  [
    'Children’s services are worried that because of the difficulties in the household over the last year, including the arguments and the drinking and the lack of routine, the children may not be getting what they need to grow up well.',
    'long',
    'Children’s services are worried',
  ],
];

describe('[WORDS1] [WORDS2] [WORDS3] the plain-words check on a corpus of invented statements', () => {
  it.each(good)('leaves a plain, behavioural statement unmarked: %s', async (text) => {
    const report = await checkPlainWords(text);
    expect(report.marks).toEqual([]);
  });

  it.each(poor)('marks "%s" as %s (%s)', async (text, kind, words) => {
    const report = await checkPlainWords(text);
    const mark = report.marks.find((each) => each.kind === kind);
    expect(mark, JSON.stringify(report.marks)).toBeDefined();
    expect(text.slice(mark!.start, mark!.end)).toBe(mark!.words);
    expect(mark!.words).toContain(words);
  });

  it('offers a plainer way to say jargon and judgement words, and simpler words', async () => {
    const { marks } = await checkPlainWords(
      'There are safeguarding concerns. Mum is chaotic. We will utilize it.',
    );
    expect(marks.find((mark) => mark.kind === 'jargon')?.suggestion).toBe(
      'worries about the children’s safety',
    );
    expect(marks.find((mark) => mark.kind === 'judgement')?.suggestion).toMatch(/say what happened/);
    expect(marks.find((mark) => mark.words === 'utilize')).toMatchObject({
      kind: 'simpler',
      suggestion: 'use',
    });
  });

  it('gives a reading age: lower for short plain words than for long formal ones', async () => {
    const plain = await checkPlainWords(
      'Jack must never be left on his own at home. Nan will come when Mum rings.',
    );
    const formal = await checkPlainWords(
      'Notwithstanding considerable multidisciplinary intervention, parental acknowledgement of the ramifications remains fundamentally insufficient.',
    );
    expect(plain.readingAge).toBeDefined();
    expect(formal.readingAge).toBeDefined();
    expect(plain.readingAge!).toBeLessThan(formal.readingAge!);
    expect((await checkPlainWords('Too short.')).readingAge).toBeUndefined();
  });

  it('matches whole words only, whatever the case', async () => {
    expect((await checkPlainWords('The contacts list is on the fridge.')).marks).toEqual([]);
    expect((await checkPlainWords('CONTACT with Dad is on Saturdays.')).marks[0]).toMatchObject({
      kind: 'jargon',
      words: 'CONTACT',
    });
  });
});
