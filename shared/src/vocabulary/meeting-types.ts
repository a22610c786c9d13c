import type { AgendaStep, AgendaStepTemplate } from './agenda-step.ts';
import { meetingTable } from './meeting-table.ts';
import {
  meetingTypeIds,
  type MeetingType,
  type MeetingTypeId,
  type MeetingTypeRow,
} from './meeting-type-shape.ts';
import { isStandardStepId, standardStep } from './standard-steps.ts';

export * from './meeting-type-shape.ts';

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
