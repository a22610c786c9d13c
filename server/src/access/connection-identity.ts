import type { IncomingHttpHeaders } from 'node:http';
import type { GuestRole } from '@kinboard/shared/access/roles';
import { closeCodes } from '@kinboard/shared/protocol/close-codes';
import type { Meeting, Store } from '../store/store.ts';
import { guestOfPass } from './guest-passes.ts';
import type { StaffSessions } from './staff-sessions.ts';

export type ConnectionIdentity =
  | { kind: 'staff'; staffId: string; role: 'staff'; sessionEndsAt: number }
  | { kind: 'guest'; participantId: string; role: GuestRole };

export type ConnectionRefusal = {
  kind: 'refused';
  closeCode:
    | typeof closeCodes.notAdmitted
    | typeof closeCodes.forbidden
    | typeof closeCodes.unknownDocument
    | typeof closeCodes.meetingClosed;
  reason: string;
};

/** Guests take part while the meeting runs: open, and through agreement until it closes. */
export function meetingAdmitsGuests(meeting: Meeting): boolean {
  return meeting.state === 'open' || meeting.state === 'agreed';
}

/**
 * Who a sync or socket.io connection (or an HTTP request) is, for one meeting, before anything
 * of it is sent [ACCESS9]. Staff need a live session and access to the meeting's family; guests
 * need a genuine pass for this very meeting, admitted, while it is open. A staff session wins
 * when a browser carries both.
 *
 * Refusals: no valid credentials, a pass for another meeting, or a guest still waiting or gone:
 * 4401 (said before looking the meeting up, so ids cannot be probed). A known meeting the
 * person may not see (staff without access, a refused guest): 4403. Unknown meeting: 4404.
 * A guest of a closed meeting: 4410. Staff keep access to closed meetings (the record);
 * whether a closed meeting's documents are served is the sync layer's rule [SYNC4].
 */
export async function resolveConnectionIdentity(
  deps: { store: Store; sessions: StaffSessions; now?: () => number },
  headers: IncomingHttpHeaders,
  meetingId: string,
): Promise<ConnectionIdentity | ConnectionRefusal> {
  const now = deps.now?.() ?? Date.now();
  const signedIn = await deps.sessions.resolveSession(headers, now);
  if (signedIn) {
    const { staff } = signedIn;
    const meeting = await deps.store.getMeeting(meetingId);
    if (!meeting) return refuse(closeCodes.unknownDocument, 'no such meeting');
    if (!(await deps.store.hasFamilyAccess(staff.id, meeting.familyId)))
      return refuse(closeCodes.forbidden, 'no access to this family');
    return { kind: 'staff', staffId: staff.id, role: 'staff', sessionEndsAt: signedIn.hardEnd };
  }
  const guest = await guestOfPass(deps.store, headers);
  if (!guest || guest.meetingId !== meetingId) return refuse(closeCodes.notAdmitted, 'not let in');
  const meeting = await deps.store.getMeeting(meetingId);
  if (!meeting) return refuse(closeCodes.unknownDocument, 'no such meeting');
  if (meeting.state === 'closed') return refuse(closeCodes.meetingClosed, 'the meeting has closed');
  if (guest.status === 'refused') return refuse(closeCodes.forbidden, 'the chair turned this pass away');
  if (guest.status !== 'admitted' || !guest.role || !meetingAdmitsGuests(meeting))
    return refuse(closeCodes.notAdmitted, 'waiting to be let in');
  return { kind: 'guest', participantId: guest.id, role: guest.role };
}

function refuse(closeCode: ConnectionRefusal['closeCode'], reason: string): ConnectionRefusal {
  return { kind: 'refused', closeCode, reason };
}
