import { columnOf, type AgendaStep, type ColumnId, type MeetingFocus } from '@kinboard/shared';

/**
 * Where a step sends everyone's screens: its own column or domain for a map section, the
 * worries for statements and goals, what needs to happen for the plan and bottom lines, the
 * welcome for the purpose. Steps with no place on the map keep the column people are on.
 */
export function columnOfStep(step: AgendaStep, current: ColumnId | null): ColumnId | null {
  if (step.focus) return 'column' in step.focus ? step.focus.column : columnOf(step.focus.domain);
  switch (step.kind) {
    case 'purpose':
      return null;
    case 'statementsAndGoals':
      return 'worries';
    case 'safetyJournal':
      return 'workingWell';
    case 'plan':
    case 'testing':
    case 'bottomLines':
    case 'agreement':
    case 'nextSteps':
      return 'needsToHappen';
    default:
      return current;
  }
}

export function focusOfStep(step: AgendaStep, current: MeetingFocus): MeetingFocus {
  return { stepId: step.id, column: columnOfStep(step, current.column) };
}

/** The welcome shows before the first step and during the purpose step. */
export function isWelcome(focus: MeetingFocus, agenda: readonly AgendaStep[]): boolean {
  if (focus.stepId === null) return focus.column === null;
  return agenda.find((step) => step.id === focus.stepId)?.kind === 'purpose';
}

/** The next (or previous) step that is not skipped, from the current one. */
export function neighbourStep(
  agenda: readonly AgendaStep[],
  stepId: string | null,
  direction: 1 | -1,
): AgendaStep | undefined {
  const index = agenda.findIndex((step) => step.id === stepId);
  const ahead = direction === 1 ? agenda.slice(index + 1) : index < 0 ? [] : agenda.slice(0, index).reverse();
  return ahead.find((step) => !step.skipped);
}
