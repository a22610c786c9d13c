import type { ClientEventName } from './protocol/events.ts';

/**
 * Who may do what, in one table the server checks before any handler runs. The web client
 * reads the same table only to hide controls a person cannot use; hiding is never the guard.
 */
export const participantRoles = [
  'staff',
  'family',
  'network',
  'professional',
  'child',
  'observer',
  'projector',
] as const;
export type ParticipantRole = (typeof participantRoles)[number];

const everyone: readonly ParticipantRole[] = participantRoles;
const chairOnly: readonly ParticipantRole[] = ['staff'];

export const eventPermissions: Record<ClientEventName, readonly ParticipantRole[]> = {
  'meeting:enter': everyone,
  'chair:focus': chairOnly,
  'chair:undo-focus': chairOnly,
  'chair:follow': chairOnly,
  'chair:lock': chairOnly,
  'chair:timer': chairOnly,
};

export function mayEmit(role: ParticipantRole, event: ClientEventName): boolean {
  return eventPermissions[event].includes(role);
}

/** Whether a role may change the shared board at all (the projector and observers only watch). */
export function mayWriteBoard(role: ParticipantRole): boolean {
  return role !== 'observer' && role !== 'projector';
}
