import { EventEmitter } from 'node:events';
import type { GuestRole, ParticipantStatus } from '@kinboard/shared/access/roles';

/**
 * Changes that end or change someone's rights while they may be connected. The sync and
 * socket.io layers listen and close (4410, 4403) or re-check the connections concerned, since a
 * right checked at connect time is not enough once the chair closes the meeting or turns
 * someone away.
 */
export interface AccessEventMap {
  /** Every guest of the meeting has lost access; staff may stay on the record. */
  'meeting-closed': [{ meetingId: string }];
  /** A guest joined the lobby (`waiting`), or was admitted, refused, or given another role. */
  'participant-changed': [
    { meetingId: string; participantId: string; status: ParticipantStatus; role?: GuestRole | undefined },
  ];
  /** The account was disabled: every session of it has ended. */
  'staff-disabled': [{ staffId: string }];
  /**
   * One sign-in ended (signed out here, or logged out at the identity provider [IDENT6]): the
   * connections resting on that session close; the person's other sessions stay.
   */
  'staff-session-ended': [{ staffId: string; sessionId: string }];
}

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
