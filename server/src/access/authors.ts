import { documentParts, formatDocumentName } from '@kinboard/shared';
import type { Credit } from '@kinboard/shared/access/credit';
import { guestParticipantKey } from '@kinboard/shared/access/participant-key';
import { viewBeforeKey } from '@kinboard/shared/before-meeting/view-before';
import type { Store } from '../store/store.ts';

const staffPrefix = 'staff:';

/**
 * Everyone who may have written in a meeting, as the server recorded them [FIRST3]: each guest
 * by the name and relationship they joined with and the role the chair gave (from the lobby's
 * admission record), and each staff member who wrote in one of its documents (from the client
 * owners kept for it [SYNC13]) or is named in `staffKeys`, by their account's name, and each
 * view sent before the meeting and brought in, by the name and relationship recorded for its
 * pass [PRIOR4].
 * Never a name a screen claimed.
 */
export async function meetingCredits(
  store: Store,
  meetingId: string,
  staffKeys: readonly string[] = [],
): Promise<Credit[]> {
  const guests = (await store.listParticipants(meetingId)).map((guest): Credit => ({
    key: guestParticipantKey(guest.id),
    name: guest.name,
    relationship: guest.relationship,
    ...(guest.role ? { role: guest.role } : {}),
  }));
  const writers = new Set(staffKeys.filter((key) => key.startsWith(staffPrefix)));
  for (const part of documentParts) {
    const owners = await store.loadClientOwners(formatDocumentName({ meetingId, part }));
    for (const owner of owners) if (owner.participant.startsWith(staffPrefix)) writers.add(owner.participant);
  }
  const staff: Credit[] = [];
  for (const key of writers) {
    const account = await store.getStaff(key.slice(staffPrefix.length));
    if (account) staff.push({ key, name: account.name, role: 'staff' });
  }
  // Only views the chair brought in: a view left out is nobody's business in the meeting.
  const sentBefore = (await store.listViewsBefore(meetingId))
    .filter((view) => view.broughtInAt !== undefined)
    .map((view): Credit => ({
      key: viewBeforeKey(view.id),
      name: view.name,
      relationship: view.relationship,
      sentBefore: true,
    }));
  return [...guests, ...staff, ...sentBefore];
}
