import type { AgendaStepTemplate } from './agenda-step.ts';
import type { StandardStepId } from './standard-steps.ts';
import type { Timescale } from './timescale.ts';
import type { VocabularyId } from './vocabulary.ts';

/**
 * The meetings Kinboard runs. Each has a default vocabulary that follows its service area
 * (child protection: Safety; early help and child in need: Wellbeing; children in care and care
 * leavers: Success) and a default agenda the chair can reorder, extend or skip.
 */
export const meetingTypeIds = [
  'family-network-meeting',
  'rapid-family-network-meeting',
  'review-family-network-meeting',
  'core-group-meeting',
  'team-around-the-family',
  'care-team-meeting',
  'looked-after-review',
  'young-persons-network-meeting',
  'transfer-meeting',
  'child-protection-conference',
  'review-child-protection-conference',
  'hub-meeting',
  'child-in-need-review',
] as const;
export type MeetingTypeId = (typeof meetingTypeIds)[number];

export interface MeetingType {
  id: MeetingTypeId;
  name: string;
  /** The service area, in plain words. */
  service: string;
  /** What the meeting is for, in one line a family member understands. */
  purpose: string;
  defaultVocabulary: VocabularyId;
  agenda: readonly AgendaStepTemplate[];
  /** The handbook's timescales for this meeting, where it sets any [DUE1]. */
  timescales?: readonly Timescale[];
}

/** A row of meeting-table.ts: the agenda as standard step ids separated by spaces. */
export type MeetingTypeRow = Omit<MeetingType, 'agenda'> & {
  agenda: string;
  titles?: Partial<Record<StandardStepId, string>>;
};
