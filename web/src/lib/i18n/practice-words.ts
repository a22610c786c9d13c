import { wordsFor, type Noun, type ScalingWording, type VocabularyId, type Words } from '@kinboard/shared';
import { m } from '../paraglide/messages.js';

/**
 * The practice's words in the reader's language. Which words a board uses is part of the
 * domain model (shared's vocabulary, chosen in the board's settings, in English there, as the
 * primer writes them); how they read is the catalogue's, so a translator finds every word of
 * the interface in one file. `practice-words.spec.ts` keeps the English catalogue identical to
 * shared's English.
 *
 * An authority's own label ("Stability") is what someone typed, not a word of ours: it is
 * kept as it is.
 */
export function localiseWords(words: Words): Words {
  const vocabulary = vocabularies[words.vocabularyId];
  const ownLabel = words.label !== wordsFor(words.vocabularyId).label;
  const label = ownLabel ? words.label : vocabulary.label();
  return {
    vocabularyId: words.vocabularyId,
    label,
    frameworkName: m.practice_frameworkName({ label }),
    columns: {
      worries: m.practice_column_worries(),
      workingWell: m.practice_column_workingWell(),
      needsToHappen: m.practice_column_needsToHappen(),
    },
    domains: {
      pastHarm: { title: vocabulary.pastHarm[0](), description: vocabulary.pastHarm[1]() },
      futureDanger: { title: vocabulary.futureDanger[0](), description: vocabulary.futureDanger[1]() },
      complicatingFactors: {
        title: m.practice_domain_complicatingFactors_title(),
        description: m.practice_domain_complicatingFactors_description(),
      },
      existingStrengths: {
        title: m.practice_domain_existingStrengths_title(),
        description: m.practice_domain_existingStrengths_description(),
      },
      existingSafety: { title: vocabulary.existingSafety[0](), description: vocabulary.existingSafety[1]() },
      goals: { title: vocabulary.goals[0](), description: vocabulary.goals[1]() },
      nextSteps: {
        title: m.practice_domain_nextSteps_title(),
        description: m.practice_domain_nextSteps_description(),
      },
    },
    statement: noun(vocabulary.statement),
    goal: noun(vocabulary.goal),
    bottomLine: noun([m.practice_bottomLine_one, m.practice_bottomLine_many]),
  };
}

type Message = () => string;
/** [title, description] of a domain, or [one, many] of a noun. */
type Pair = readonly [Message, Message];
type VocabularyDomain = 'pastHarm' | 'futureDanger' | 'existingSafety' | 'goals';
type VocabularyMessages = Record<VocabularyDomain, Pair> & { label: Message; statement: Pair; goal: Pair };

const noun = ([one, many]: Pair): Noun => ({ one: one(), many: many() });

const vocabularies: Record<VocabularyId, VocabularyMessages> = {
  safety: {
    label: m.practice_safety_label,
    pastHarm: [m.practice_safety_domain_pastHarm_title, m.practice_safety_domain_pastHarm_description],
    futureDanger: [
      m.practice_safety_domain_futureDanger_title,
      m.practice_safety_domain_futureDanger_description,
    ],
    existingSafety: [
      m.practice_safety_domain_existingSafety_title,
      m.practice_safety_domain_existingSafety_description,
    ],
    goals: [m.practice_safety_domain_goals_title, m.practice_safety_domain_goals_description],
    statement: [m.practice_safety_statement_one, m.practice_safety_statement_many],
    goal: [m.practice_safety_goal_one, m.practice_safety_goal_many],
  },
  wellbeing: {
    label: m.practice_wellbeing_label,
    pastHarm: [m.practice_wellbeing_domain_pastHarm_title, m.practice_wellbeing_domain_pastHarm_description],
    futureDanger: [
      m.practice_wellbeing_domain_futureDanger_title,
      m.practice_wellbeing_domain_futureDanger_description,
    ],
    existingSafety: [
      m.practice_wellbeing_domain_existingSafety_title,
      m.practice_wellbeing_domain_existingSafety_description,
    ],
    goals: [m.practice_wellbeing_domain_goals_title, m.practice_wellbeing_domain_goals_description],
    statement: [m.practice_wellbeing_statement_one, m.practice_wellbeing_statement_many],
    goal: [m.practice_wellbeing_goal_one, m.practice_wellbeing_goal_many],
  },
  success: {
    label: m.practice_success_label,
    pastHarm: [m.practice_success_domain_pastHarm_title, m.practice_success_domain_pastHarm_description],
    futureDanger: [
      m.practice_success_domain_futureDanger_title,
      m.practice_success_domain_futureDanger_description,
    ],
    existingSafety: [
      m.practice_success_domain_existingSafety_title,
      m.practice_success_domain_existingSafety_description,
    ],
    goals: [m.practice_success_domain_goals_title, m.practice_success_domain_goals_description],
    statement: [m.practice_success_statement_one, m.practice_success_statement_many],
    goal: [m.practice_success_goal_one, m.practice_success_goal_many],
  },
};

/** The practice's scaling question of a vocabulary, both ends written, in the reader's language [SCALE11]. */
export function localScalingWording(vocabularyId: VocabularyId): ScalingWording {
  const [text, zeroMeans, tenMeans] = scalingMessages[vocabularyId];
  return { text: text(), zeroMeans: zeroMeans(), tenMeans: tenMeans() };
}

const scalingMessages: Record<VocabularyId, readonly [Message, Message, Message]> = {
  safety: [
    m.practice_safety_scaling_text,
    m.practice_safety_scaling_zeroMeans,
    m.practice_safety_scaling_tenMeans,
  ],
  wellbeing: [
    m.practice_wellbeing_scaling_text,
    m.practice_wellbeing_scaling_zeroMeans,
    m.practice_wellbeing_scaling_tenMeans,
  ],
  success: [
    m.practice_success_scaling_text,
    m.practice_success_scaling_zeroMeans,
    m.practice_success_scaling_tenMeans,
  ],
};
