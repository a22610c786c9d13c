import { describe, expect, it } from 'vitest';
import { journalSection } from './journal-summary.ts';
import { toPlainText } from './text-export.ts';

const entry = {
  id: 'e1',
  text: 'Collected Maisie at 3pm.',
  happenedOn: '2026-12-04',
  whoWasThere: 'Gran, Maisie',
  planHeld: 'partly' as const,
  rule: { id: 'r1', text: 'Gran collects Maisie on Fridays' },
  authorName: 'Gran Okoro',
  authorRelationship: 'Grandmother',
  writtenAt: Date.parse('2026-12-04T15:30:00Z'),
  readAt: Date.parse('2026-12-05T09:00:00Z'),
  readByName: 'Wren Worker',
  replies: [
    { id: 'x', text: 'Thank you.', writtenAt: Date.parse('2026-12-05T09:05:00Z'), staffName: 'Wren Worker' },
  ],
};

describe('the journal in the case record [PASS11]', () => {
  it('lists each entry in order, credited, with how the plan held, its rule, who read it and each reply', () => {
    const text = toPlainText({
      title: 'Record',
      lines: [],
      sections: journalSection([
        entry,
        { ...entry, id: 'e2', text: 'Second.', replies: [], readAt: undefined },
      ]),
    });
    expect(text).toContain('The safety journal since the last meeting');
    expect(text.indexOf('1. Collected Maisie at 3pm.')).toBeLessThan(text.indexOf('2. Second.'));
    for (const line of [
      'Written by: Gran Okoro (Grandmother)',
      'Written: 4 December 2026',
      'How the plan held: The plan partly held',
      'Rule: Gran collects Maisie on Fridays',
      'Read by: Wren Worker, 5 December 2026',
      'Reply from Wren Worker, 5 December 2026: Thank you.',
    ])
      expect(text).toContain(line);
  });

  it('is left out when nothing was written since the last meeting', () => {
    expect(journalSection([])).toEqual([]);
  });
});
