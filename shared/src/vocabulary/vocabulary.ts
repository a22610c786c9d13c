import * as z from 'zod/mini';
import { customLabelSchema } from './custom-label.ts';
import type { ColumnId, DomainId } from './domains.ts';

/**
 * One method, three vocabularies: the same seven domains renamed by service area (primer,
 * "Signs of ..."). Only words live here; the board stores domain ids, so switching vocabulary
 * relabels the map and never touches what people wrote.
 */
export const vocabularyIds = ['safety', 'wellbeing', 'success'] as const;
export type VocabularyId = (typeof vocabularyIds)[number];
export const vocabularyIdSchema = z.enum(vocabularyIds);

/** A word the interface uses both ways: "Add a danger statement", "2 danger statements". */
export interface Noun {
  one: string;
  many: string;
}

export interface DomainWords {
  title: string;
  /** One plain line a parent understands, shown under the title. */
  description: string;
}

export interface Words {
  vocabularyId: VocabularyId;
  /** "Safety", or the authority's own label such as "Stability". */
  label: string;
  frameworkName: string;
  columns: Record<ColumnId, string>;
  domains: Record<DomainId, DomainWords>;
  statement: Noun;
  goal: Noun;
  bottomLine: Noun;
}

export const columnTitles: Readonly<Record<ColumnId, string>> = {
  worries: 'What are we worried about?',
  workingWell: "What's working well?",
  needsToHappen: 'What needs to happen?',
};

/** Domains every vocabulary words the same way. */
const commonDomains = {
  complicatingFactors: {
    title: 'Complicating factors',
    description: 'Things that make life harder for the family but are not harm in themselves.',
  },
  existingStrengths: { title: 'Existing strengths', description: 'Good things about this family.' },
  nextSteps: { title: 'Next steps', description: 'What happens next, who will do it and by when.' },
} satisfies Partial<Record<DomainId, DomainWords>>;

type VocabularyTable = Pick<Words, 'label' | 'statement' | 'goal'> & {
  domains: Omit<Record<DomainId, DomainWords>, keyof typeof commonDomains>;
};

// The primer's vocabulary table, row by row. Statement and goal nouns are lower case so they
// read inside a sentence; `capitalise` (custom-label.ts) makes a heading of them.
const vocabularies: Record<VocabularyId, VocabularyTable> = {
  safety: {
    label: 'Safety',
    domains: {
      pastHarm: { title: 'Harm', description: 'What has already happened to the children that hurt them.' },
      futureDanger: {
        title: 'Danger',
        description: 'What we fear could happen to the children if nothing changes.',
      },
      existingSafety: {
        title: 'Existing safety',
        description:
          'What people already do, again and again, that keeps the children safe when things are hard.',
      },
      goals: {
        title: 'Safety goals',
        description: 'What we need to see to know the children are safe enough.',
      },
    },
    statement: { one: 'danger statement', many: 'danger statements' },
    goal: { one: 'safety goal', many: 'safety goals' },
  },
  wellbeing: {
    label: 'Wellbeing',
    domains: {
      pastHarm: {
        title: 'Wellbeing concerns',
        description: 'What has happened that worries us about the child.',
      },
      futureDanger: {
        title: 'Critical worries',
        description: 'What we fear could happen to the child if nothing changes.',
      },
      existingSafety: {
        title: 'Existing wellbeing',
        description: 'What people already do, again and again, that helps the child be healthy and well.',
      },
      goals: {
        title: 'Wellbeing goals',
        description: 'What we need to see to know the child is healthy and well.',
      },
    },
    statement: { one: 'worry statement', many: 'worry statements' },
    goal: { one: 'wellbeing goal', many: 'wellbeing goals' },
  },
  success: {
    label: 'Success',
    domains: {
      pastHarm: {
        title: 'Worrying behaviour',
        description: 'What has happened, or what the young person has done, that worries us.',
      },
      futureDanger: {
        title: 'Critical worries',
        description: 'What we fear could happen to the young person if nothing changes.',
      },
      existingSafety: {
        title: 'Existing success',
        description: 'What is already going right for the young person, and keeps going right.',
      },
      goals: {
        title: 'Success goals',
        description: 'What we need to see to know the young person is doing well.',
      },
    },
    statement: { one: 'worry statement', many: 'worry statements' },
    goal: { one: 'success goal', many: 'success goals' },
  },
};

/**
 * The complete word set for a vocabulary. A custom label renames the framework only. It never
 * applies to Safety: a child-protection concern always brings "Signs of Safety" back, and a
 * label kept in the settings returns when the meeting switches back. An invalid label is ignored.
 */
export function wordsFor(vocabularyId: VocabularyId, customLabel?: string): Words {
  const { domains, ...rest } = vocabularies[vocabularyId];
  const parsed = customLabel === undefined ? undefined : customLabelSchema.safeParse(customLabel);
  const label = vocabularyId !== 'safety' && parsed?.success ? parsed.data : rest.label;
  // A fresh copy each time, so a caller that edits its words cannot change everyone else's.
  return structuredClone({
    ...rest,
    vocabularyId,
    label,
    frameworkName: `Signs of ${label}`,
    columns: columnTitles,
    domains: { ...domains, ...commonDomains },
    bottomLine: { one: 'bottom line', many: 'bottom lines' },
  });
}
