import type { VocabularyId } from './vocabulary.ts';

/**
 * The practice's scaling question for each vocabulary, with both ends written [SCALE11]: the
 * cabinet report's child protection question (seed 002: "10 means everyone knows the children
 * are safe enough ... to close the case and zero means things are so bad for the children they
 * can't live at home"), the wellbeing scale of early help and child in need (seeds 001, 003),
 * and how "on track" life is for children in care and care leavers (seed 001). A new question
 * starts from these words; the chair edits any of them before or after adding it.
 */
export interface ScalingWording {
  text: string;
  zeroMeans: string;
  tenMeans: string;
}

export const scalingWording: Readonly<Record<VocabularyId, ScalingWording>> = {
  safety: {
    text: 'On a scale of 0 to 10, where do we rate this situation right now?',
    zeroMeans: 'Things are so bad for the children that they cannot live at home.',
    tenMeans:
      'Everyone knows the children are safe enough for the child protection authorities to close the case.',
  },
  wellbeing: {
    text: "On a scale of 0 to 10, where do we rate the children's wellbeing right now?",
    zeroMeans: 'The worries are so big that the family needs much more help than it has now.',
    tenMeans: 'Everyone knows the children are well enough for the family to manage without this help.',
  },
  success: {
    text: 'On a scale of 0 to 10, how on track is life right now?',
    zeroMeans: 'Nothing is going the way the young person wants, and the worries are as big as they can be.',
    tenMeans: "Everyone knows the young person's life is on track and the success goal is reached.",
  },
};
