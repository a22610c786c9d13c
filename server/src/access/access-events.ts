import { EventEmitter } from 'node:events';
import type { GuestRole, ParticipantStatus } from '@kinboard/shared/access/roles';

/** Why every session of a staff account ended at once. */
export type StaffAccessEnd = 'disabled' | 'password-changed' | 'role-lowered';

/**
 * Changes that end or change someone's rights while they may be connected [ACCESS22]. The sync
 * and socket.io layers listen (through `AccessEnds`, access-ends.ts, for staff) and close
 * (4440, 4410, 4403, 4401) or re-check the connections concerned, since a right checked at
 * connect time is not enough once it ends. Emitted only after the store holds the change.
 */
export interface AccessEventMap {
  /** Every guest of the meeting has lost access; staff may stay on the record. */
  'meeting-closed': [{ meetingId: string }];
  /** A guest joined the lobby (`waiting`), or was admitted, refused, or given another role. */
  'participant-changed': [
    { meetingId: string; participantId: string; status: ParticipantStatus; role?: GuestRole | undefined },
  ];
  /** One staff session ended: signed out (an expiry is found by each connection's own timer). */
  'session-ended': [{ staffId: string; sessionId: string }];
  /** Every session of the account ended (but `exceptSessionId`, the browser that changed its password). */
  'staff-access-ended': [{ staffId: string; why: StaffAccessEnd; exceptSessionId?: string | undefined }];
  /** The staff member may no longer see the family's meetings. */
  'family-access-removed': [{ staffId: string; familyId: string }];
  /** A network pass was revoked or reissued: its old link opens nothing [PASS4]. */
  'pass-ended': [{ passId: string; familyId: string }];
}

export const accessEventNames = [
  'meeting-closed',
  'participant-changed',
  'session-ended',
  'staff-access-ended',
  'family-access-removed',
  'pass-ended',
] as const satisfies readonly (keyof AccessEventMap)[];

export class AccessEvents extends EventEmitter<AccessEventMap> {
  /**
   * True while an event decided on another server is emitted here (REDIS_URL): listeners act on
   * this server's own connections only, since the deciding server has already told everyone else.
   */
  relayed = false;

  /** Emits another server's event to this server's listeners. */
  emitRelayed<K extends keyof AccessEventMap>(event: K, ...payload: AccessEventMap[K]): void {
    this.relayed = true;
    try {
      (this.emit as (event: K, ...payload: AccessEventMap[K]) => boolean)(event, ...payload);
    } finally {
      this.relayed = false;
    }
  }
}
