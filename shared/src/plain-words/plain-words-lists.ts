/**
 * Kinboard's own lists for the plain-words check [WORDS2]: words of children's-services jargon
 * a family would not use, and words that judge a person rather than say what they did (the
 * cabinet report: statements "must not imply a judgement"). Each has a plainer way to say it
 * where one is known. Matched whole-word and case-insensitively; phrases before single words.
 * The check only marks: it never blocks, changes or sends what someone wrote.
 */
export interface PlainWordsEntry {
  /** The words as written, lower case. */
  words: string;
  /** What to say instead, or how to say it. */
  suggestion: string;
}

export const childrenServicesJargon: readonly PlainWordsEntry[] = [
  { words: 'safeguarding', suggestion: 'keeping the children safe' },
  { words: 'safeguarding concerns', suggestion: 'worries about the children’s safety' },
  { words: 'disguised compliance', suggestion: 'say what was agreed and what happened instead' },
  { words: 'non-engagement', suggestion: 'say which meetings or visits were missed' },
  { words: 'engagement', suggestion: 'say what the person did: came to, talked with, answered' },
  { words: 'engage', suggestion: 'say what the person did: came to, talked with, answered' },
  { words: 'substance misuse', suggestion: 'drinking alcohol or taking drugs' },
  { words: 'parenting capacity', suggestion: 'what the parent can do for the children' },
  { words: 'protective factors', suggestion: 'what keeps the children safe' },
  { words: 'risk factors', suggestion: 'what makes harm more likely' },
  { words: 'multi-agency', suggestion: 'the school, the doctor and the social worker (name them)' },
  { words: 'section 47', suggestion: 'a child protection enquiry' },
  { words: 'threshold', suggestion: 'say what would need to happen' },
  { words: 'presenting needs', suggestion: 'what the child needs' },
  { words: 'service user', suggestion: 'use the person’s name' },
  { words: 'intervention', suggestion: 'help, or say what will be done' },
  { words: 'escalate', suggestion: 'say who will be told and what they will do' },
  { words: 'de-escalate', suggestion: 'calm things down' },
  { words: 'holistic', suggestion: 'looking at everything in the child’s life' },
  { words: 'chronology', suggestion: 'what happened, in order' },
  { words: 'domestic abuse incident', suggestion: 'say who hurt or frightened whom, and how' },
  { words: 'dv', suggestion: 'say who hurt or frightened whom, and how' },
  { words: 'lac', suggestion: 'in care' },
  { words: 'cin', suggestion: 'child in need (say what help)' },
  { words: 'cp plan', suggestion: 'child protection plan' },
  { words: 'contact', suggestion: 'time with (name the person), or visits' },
  { words: 'placement', suggestion: 'where the child lives' },
  { words: 'adverse childhood experiences', suggestion: 'say what happened to the child' },
  { words: 'emotional dysregulation', suggestion: 'say what the child does when upset' },
  { words: 'attachment issues', suggestion: 'say what the child does and how it affects them' },
];

export const judgementWords: readonly PlainWordsEntry[] = [
  { words: 'chaotic', suggestion: 'say what happened: who did what, and when' },
  { words: 'inappropriate', suggestion: 'say what the person did and how it affected the child' },
  { words: 'uncooperative', suggestion: 'say what was asked and what the person did' },
  { words: 'non-compliant', suggestion: 'say what was agreed and what happened' },
  { words: 'resistant', suggestion: 'say what the person said or did' },
  { words: 'hostile', suggestion: 'say what the person said or did' },
  { words: 'aggressive', suggestion: 'say what the person did: shouted, hit, threw' },
  { words: 'volatile', suggestion: 'say what happens, and how often' },
  { words: 'manipulative', suggestion: 'say what the person said or did' },
  { words: 'neglectful', suggestion: 'say what the children went without' },
  { words: 'unkempt', suggestion: 'say what was seen: clothes, washing, hair' },
  { words: 'dirty', suggestion: 'say what was seen' },
  { words: 'lazy', suggestion: 'say what did not get done' },
  { words: 'irresponsible', suggestion: 'say what the person did and what it meant for the child' },
  { words: 'unfit', suggestion: 'say what the worry is for the child' },
  { words: 'toxic', suggestion: 'say what happens between the people' },
  { words: 'bad mother', suggestion: 'say what the mother did and how it affected the child' },
  { words: 'bad father', suggestion: 'say what the father did and how it affected the child' },
  { words: 'poor parenting', suggestion: 'say what the parent did or did not do' },
  { words: 'lack of insight', suggestion: 'say what the person said about the worry' },
  { words: 'refused to engage', suggestion: 'say what was offered and what the person said' },
  { words: 'failed to', suggestion: 'say what was agreed and what happened' },
  { words: 'chose to', suggestion: 'say what the person did' },
  { words: 'denies', suggestion: 'says (write what they say)' },
  { words: 'alleged', suggestion: 'say who said what happened' },
  { words: 'claims', suggestion: 'says' },
];

/** A sentence longer than this many words is marked long. */
export const longSentenceWords = 25;
