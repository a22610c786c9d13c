import type { JournalEntryView } from '@kinboard/shared/passes/network-pass';
import type { Store } from '../store/store.ts';
import { journalOf } from './journal-view.ts';

/**
 * The safety journal since the last meeting [PASS11]: the entries written after the family's
 * newest plan agreed at another meeting before `until`, up to `until` (now, for the meeting
 * under way; the agreement, for its case record). With no earlier plan, every entry to then.
 */
export async function journalSinceLastMeeting(
  store: Store,
  familyId: string,
  meetingId: string,
  until: number,
): Promise<{ since: number | null; entries: JournalEntryView[] }> {
  const earlier = (await store.listPlanVersionsOfFamily(familyId))
    .filter((version) => version.meetingId !== meetingId && version.agreedAt < until)
    .map((version) => version.agreedAt);
  const since = earlier.length > 0 ? Math.max(...earlier) : null;
  const entries = (await journalOf(store, familyId)).filter(
    (entry) => (since === null || entry.writtenAt > since) && entry.writtenAt <= until,
  );
  return { since, entries };
}
