import { mayWriteBoard, ownPresenceFields, type ParticipantRole, type PresenceState } from '@kinboard/shared';

/**
 * The presence others see of an admitted connection [ACCESS19] [SYNC26]: built field by field
 * from `presenceStateSchema`, never copied from the claim, so nothing unknown is relayed at any
 * depth. Names and roles, top-level and under `user`, come from the record. A screen that only
 * reads (an observer, the projector) gets what the server decides: its screen from its role,
 * no column and no typing, so it can never look as if it were editing.
 */
export function presenceOnRecord(
  claimed: Record<string, unknown>,
  record: { name: string; role: ParticipantRole },
): PresenceState {
  const { name, role } = record;
  const user = claimed['user'];
  const color = ownPresenceFields.color.safeParse(
    typeof user === 'object' && user !== null ? (user as Record<string, unknown>)['color'] : undefined,
  );
  const state: PresenceState = {
    name,
    role,
    user: { name, role, ...(color.success ? { color: color.data } : {}) },
  };
  if (!mayWriteBoard(role))
    return { ...state, screen: role === 'projector' ? 'projector' : 'phone', column: null, typing: null };
  for (const field of ['screen', 'column', 'typing'] as const) {
    if (!(field in claimed)) continue;
    const parsed = ownPresenceFields[field].safeParse(claimed[field]);
    if (parsed.success) Object.assign(state, { [field]: parsed.data });
  }
  return state;
}
