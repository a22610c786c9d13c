import type { StaffView } from '@kinboard/shared/access/staff';
import type { Meeting, Participant, Staff } from '../store/store.ts';

/** What the API says about people and meetings: never a hash, and a join code only to staff. */

export const staffView = (staff: Staff): StaffView => ({
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  disabled: staff.disabled,
  createdAt: staff.createdAt,
});

export function meetingView(meeting: Meeting, audience: 'staff' | 'guest') {
  const shared = {
    id: meeting.id,
    familyId: meeting.familyId,
    type: meeting.type,
    title: meeting.title,
    date: meeting.date,
    state: meeting.state,
  };
  if (audience === 'guest') return shared;
  return {
    ...shared,
    joinCode: meeting.joinCode ?? null,
    chairStaffId: meeting.chairStaffId ?? null,
    createdAt: meeting.createdAt,
  };
}

export const participantView = (participant: Participant) => ({
  id: participant.id,
  name: participant.name,
  relationship: participant.relationship,
  role: participant.role ?? null,
  status: participant.status,
  joinedAt: participant.createdAt,
  decidedAt: participant.admittedAt ?? null,
});
