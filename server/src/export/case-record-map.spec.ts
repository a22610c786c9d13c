import { caseRecord, toMarkdown, toPlainText, type AgreedRecord } from '@kinboard/shared/export/index';
import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx-export.ts';
import { hollisContent, hollisScaling, recordOf } from './export-fixtures.ts';
import { positionsInOrder, readDocx, squeeze } from './read-back.ts';

const hollis = recordOf(hollisContent(), hollisScaling());

/** Word read back by mammoth, as the text a person would see. */
async function wordText(record: AgreedRecord): Promise<string> {
  const html = await readDocx(await renderDocx(caseRecord(record)));
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"');
}

/** From a heading to the next of the given headings that follows it. */
function between(text: string, heading: string, next: string): string {
  const squeezed = squeeze(text);
  const start = squeezed.indexOf(squeeze(heading));
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = squeezed.indexOf(squeeze(next), start + 1);
  expect(end, next).toBeGreaterThan(start);
  return squeezed.slice(start, end);
}

const columns = [
  ['The map: What are we worried about?', ['pastHarm', 'futureDanger', 'complicatingFactors']],
  ["The map: What's working well?", ['existingStrengths', 'existingSafety']],
  ['The map: What needs to happen?', ['goals', 'nextSteps']],
] as const;

/** Every card under its column and domain, with its author, in the map's order. */
function expectWholeMap(text: string, record: AgreedRecord) {
  expect(record.map.length).toBeGreaterThan(10);
  const headings = [...columns.map(([heading]) => heading), "In the child's own words"];
  columns.forEach(([heading, domains], index) => {
    const column = between(text, heading, headings[index + 1]!);
    const cards = record.map.filter((card) => (domains as readonly string[]).includes(card.domain));
    expect(cards.length).toBeGreaterThan(0);
    positionsInOrder(
      column,
      domains.flatMap((domain) => {
        const inDomain = cards.filter((card) => card.domain === domain);
        return inDomain.length === 0
          ? []
          : [
              record.vocabulary.domains[domain]!,
              ...inDomain.flatMap((card) => [card.text, `Written by: ${card.author}`]),
            ];
      }),
    );
  });
}

describe('[EXPORT7] [EXPORT8] the whole map, the child’s words, the decision and the next meeting in the case record', () => {
  it('Word: every card by column and domain with who wrote it, the child in their own section, the decision and date', async () => {
    const text = await wordText(hollis);
    expectWholeMap(text, hollis);
    const child = between(text, "In the child's own words", 'Danger statements and safety goals');
    // The child's words exactly as written: lower case, no apostrophes added.
    expect(child).toContain(
      squeeze('i get scared when mum wont wake up and jack cries. i want nan to come more'),
    );
    expect(child).toContain(squeeze('Written by: Maisie'));
    expect(child).not.toContain(squeeze('Jack is never on his own'));
    const decision = between(text, 'What the meeting decided', 'The map: What are we worried about?');
    expect(decision).toContain(squeeze(hollis.decision.text));
    expect(decision).toContain(squeeze('Next meeting: 18 December 2026.'));
  });

  it('plain text and Markdown carry the same', () => {
    const document = caseRecord(hollis);
    for (const text of [
      toPlainText(document),
      toMarkdown(document).replaceAll('\\', '').replaceAll('**', ''),
    ]) {
      expectWholeMap(text, hollis);
      expect(squeeze(between(text, "In the child's own words", 'Danger statements'))).toContain(
        squeeze('i get scared when mum wont wake up'),
      );
      expect(squeeze(text)).toContain(squeeze('Next meeting: 18 December 2026.'));
      expect(squeeze(text)).toContain(squeeze(hollis.decision.text));
    }
  });

  it('the family’s plan stays in plain words: no map columns, no decision heading', async () => {
    const { familyPlan } = await import('@kinboard/shared/export/index');
    const headings = familyPlan(hollis).sections.map((section) => section.heading);
    expect(headings.some((heading) => heading.startsWith('The map:'))).toBe(false);
    expect(headings).not.toContain('What the meeting decided');
  });

  it('[PLAN9] says what the plan was agreed without, and the chair’s reason', async () => {
    const record = recordOf({ ...hollisContent(), contingency: '' });
    record.board.essentials = {
      uncoveredStatementIds: [record.board.statements[1]!.id],
      scalingWithoutEnds: [],
      noContingency: true,
      reason: 'The family asked to agree tonight; the contingency plan is written on Monday.',
    };
    const text = await wordText(record);
    positionsInOrder(text, [
      'Agreed without',
      'No rule answers danger statement 2',
      'There is no contingency plan',
      "The chair's reason: The family asked to agree tonight; the contingency plan is written on Monday.",
    ]);
    expect(squeeze(text)).not.toContain(squeeze('Agreed without'.repeat(2)));
    expect(squeeze(await wordText(hollis))).not.toContain(squeeze('Agreed without'));
  });
});

describe('[PLAN10] [PLAN11] rule moments and plan tests in the case record', () => {
  it('Word and text say when each rule matters and each moment the plan was tested, with what was decided', async () => {
    const record = recordOf(hollisContent(), hollisScaling());
    const [first] = record.board.rules;
    first!.moments = ['day:fri', 'day:sat', 'part:night'];
    first!.fields['triggers'] = 'Dani has been drinking';
    first!.fields['howOften'] = 'Every time Dani rings';
    record.board.planTests = [
      {
        id: 'pt_1',
        fields: {
          day: 'sat',
          time: '02:00',
          triggers: 'Dani has been drinking',
          decision: 'Sam answers the phone on Saturday nights.',
        },
        who: [{ name: 'Pat Hollis' }],
        answers: [record.board.statements[1]!.id],
      },
    ];
    for (const text of [await wordText(record), toPlainText(caseRecord(record))]) {
      positionsInOrder(text, [
        'Plan rules',
        first!.fields['what']!,
        'When it matters: Friday, Saturday; night (10pm to 6am)',
        'Triggers and stress points: Dani has been drinking',
        'How often: Every time Dani rings',
        'The plan tested at the hardest times',
        'Saturday at 02:00, Dani has been drinking',
        'Who the plan names then: Pat Hollis',
        'Left with nobody: Danger statement 2',
        'What the meeting decided: Sam answers the phone on Saturday nights.',
      ]);
    }
  });
});
