import type { JournalEntryView } from '../passes/network-pass.ts';
import { item, list, longDateOfTime, section, type ExportSection } from './export-document.ts';
import { exportWords } from './export-words.ts';

const words = exportWords.journal;

/**
 * The safety journal since the last meeting, as the case record summarises it [PASS11]: each
 * entry in the order written, credited to its writer as the server recorded them, with when it
 * was written, how the plan held, the rule it concerns, who read it and each reply, credited.
 */
export function journalSection(entries: readonly JournalEntryView[]): ExportSection[] {
  return section(
    'journal',
    words.heading,
    [
      list(
        entries.map((entry) =>
          item(entry.text, [
            [words.writtenBy, words.author(entry.authorName, entry.authorRelationship)],
            [words.writtenAt, longDateOfTime(entry.writtenAt)],
            [words.happenedOn, entry.happenedOn],
            [words.whoWasThere, entry.whoWasThere],
            [words.planHeld, words.held[entry.planHeld]],
            [words.rule, entry.rule?.text ?? ''],
            [
              words.readBy,
              entry.readAt === undefined
                ? ''
                : words.readOn(entry.readByName ?? '', longDateOfTime(entry.readAt)),
            ],
            ...entry.replies.map((reply): [string, string] => [
              words.reply(reply.staffName, longDateOfTime(reply.writtenAt)),
              reply.text,
            ]),
          ]),
        ),
        true,
      ),
    ],
    words.intro,
  );
}
