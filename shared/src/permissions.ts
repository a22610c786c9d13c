import { isDrawingPart } from './drawing/drawing-canvas.ts';
import type { DocumentPart } from './protocol/document-name.ts';
import type { ClientEventName } from './protocol/events.ts';
import { participantRoles, type ParticipantRole } from './access/roles.ts';

/**
 * Who may do what, in one table the server checks before any handler runs. The web client
 * reads the same table only to hide controls a person cannot use; hiding is never the guard.
 * The roles themselves live in access/roles.ts, which the event schemas read too.
 */
const everyone: readonly ParticipantRole[] = participantRoles;
const chairOnly: readonly ParticipantRole[] = ['staff'];
/** Everyone who puts a number on the scale: not observers, not the projector [SCALE4]. */
const answerers: readonly ParticipantRole[] = participantRoles.filter(
  (role) => role !== 'observer' && role !== 'projector',
);
/** Everyone whose word the plan needs: not observers, not the projector. */
const planMembers: readonly ParticipantRole[] = ['staff', 'family', 'network', 'professional', 'child'];
/** People offer to take on a rule; the chair assigns directly. */
const offerers: readonly ParticipantRole[] = ['family', 'network', 'professional', 'child'];

export const eventPermissions: Record<ClientEventName, readonly ParticipantRole[]> = {
  'meeting:enter': everyone,
  'chair:focus': chairOnly,
  'chair:undo-focus': chairOnly,
  'chair:follow': chairOnly,
  'chair:lock': chairOnly,
  'chair:timer': chairOnly,
  'scaling:start': chairOnly,
  'scaling:answer': answerers,
  'scaling:reveal': chairOnly,
  'scaling:close': chairOnly,
  'scaling:view': everyone,
  'plan:status': everyone,
  'plan:offer': offerers,
  'plan:offer-decision': chairOnly,
  'plan:agreement': chairOnly,
  'plan:answer': planMembers,
};

/**
 * A young person chairs their own looked-after review [MEET5]: in a meeting of that type the
 * child role also moves everyone through the agenda, follows and runs the timer. Nothing else of
 * the chair's: letting people in, roles, locks, scaling rounds and agreement stay with staff.
 */
export const youngChairEvents: readonly ClientEventName[] = ['chair:focus', 'chair:follow', 'chair:timer'];
export const youngPersonMayChair = (meetingType: string | undefined): boolean =>
  meetingType === 'looked-after-review';

export function mayEmit(role: ParticipantRole, event: ClientEventName, meetingType?: string): boolean {
  if (role === 'child' && youngPersonMayChair(meetingType) && youngChairEvents.includes(event)) return true;
  return eventPermissions[event].includes(role);
}

/** Whether a role may change the shared board at all (the projector and observers only watch). */
export function mayWriteBoard(role: ParticipantRole): boolean {
  return role !== 'observer' && role !== 'projector';
}

/**
 * Whether a role may write to one of a meeting's documents at all [ACCESS14]: the `map` (cards)
 * to everyone who may write, the `frame` (statements and goals, bottom lines, agenda, settings)
 * to staff only; others comment on the frame elsewhere. The `plan` to everyone who may write
 * [PLAN1]: the family and network build it from their phones. A drawing to everyone who may
 * write [DRAW2] (mayDraw).
 */
export function mayWriteDocument(role: ParticipantRole, part: DocumentPart): boolean {
  if (!mayWriteBoard(role)) return false;
  return part === 'map' || part === 'plan' || isDrawingPart(part) || role === 'staff';
}

/**
 * Who draws on a meeting's drawings [DRAW2]: staff and every admitted family, network,
 * professional or child participant, because the pictures are made with the family (a child
 * fills the three houses, relatives place themselves on the genogram). Observers and the
 * projector only look.
 */
export function mayDraw(role: ParticipantRole): boolean {
  return mayWriteBoard(role);
}

/**
 * Whether a role may change cards someone else wrote [ACCESS15]. Family, network and
 * professional participants add cards and change only their own; staff change any.
 */
export function mayEditOthersCards(role: ParticipantRole): boolean {
  return role === 'staff';
}
