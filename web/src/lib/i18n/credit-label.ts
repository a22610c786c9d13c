import { m } from '../paraglide/messages.js';

/** "Pat Hollis (Nan)", or "Tom Price (staff)": a writer as the server recorded them [FIRST3]. */
export function creditLabel(credit: {
  name: string;
  relationship?: string;
  role?: string;
  sentBefore?: true;
}): string {
  // Sent before the meeting by someone who could not come, brought in by the chair [PRIOR4].
  if (credit.sentBefore)
    return m.board_creditSentBefore({ name: credit.name, relationship: credit.relationship ?? '' });
  if (credit.relationship) return m.board_credit({ name: credit.name, relationship: credit.relationship });
  if (credit.role === 'staff') return m.board_creditStaff({ name: credit.name });
  return credit.name;
}
