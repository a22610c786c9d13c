import type { AgendaStep, AgendaStepTemplate } from './agenda-step.ts';
import { meetingTable } from './meeting-table.ts';
import { isStandardStepId, standardStep, type StandardStepId } from './standard-steps.ts';
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
}

/** A row of meeting-table.ts: the agenda as standard step ids separated by spaces. */
export type MeetingTypeRow = Omit<MeetingType, 'agenda'> & {
  agenda: string;
  titles?: Partial<Record<StandardStepId, string>>;
};

function agendaOf(row: MeetingTypeRow): AgendaStepTemplate[] {
  return row.agenda.split(' ').map((id) => {
    // A typo in the table is a bug, found by the first test that loads this module.
    if (!isStandardStepId(id)) throw new Error(`${row.id} names an unknown agenda step "${id}"`);
    return standardStep(id, row.titles?.[id]);
  });
}

export const meetingTypes = Object.fromEntries(
  meetingTable.map((row): [MeetingTypeId, MeetingType] => {
    const { titles: _titles, ...rest } = row;
    return [row.id, { ...rest, agenda: agendaOf(row) }];
  }),
) as Readonly<Record<MeetingTypeId, MeetingType>>;

export function isMeetingTypeId(value: unknown): value is MeetingTypeId {
  return typeof value === 'string' && (meetingTypeIds as readonly string[]).includes(value);
}

/** A fresh copy of a meeting type's agenda, ready to store on a board. */
export function defaultAgenda(typeId: MeetingTypeId): AgendaStep[] {
  return meetingTypes[typeId].agenda.map((step) =>
    structuredClone({ ...step, skipped: step.skipped ?? false }),
  );
}
