import { guestParticipantKey, staffParticipantKey } from '@kinboard/shared/access/participant-key';
import type { ParticipantRole } from '@kinboard/shared';
import type { ConnectionIdentity } from './connection-identity.ts';

/**
 * The role a connection acts with [ACCESS13]: the identity's own, lowered to the read-only
 * `projector` when the screen says it is the projector (a staff member's second screen, which
 * must never write). A declared screen can only lower a role, never raise it.
 */
export function roleOnScreen(role: ParticipantRole, screen: string | null | undefined): ParticipantRole {
  return screen === 'projector' ? 'projector' : role;
}

/** What the connection writes as, and what stored updates and card authors carry [SYNC13]. */
export function participantKeyOf(identity: ConnectionIdentity): string {
  return identity.kind === 'staff'
    ? staffParticipantKey(identity.staffId)
    : guestParticipantKey(identity.participantId);
}
