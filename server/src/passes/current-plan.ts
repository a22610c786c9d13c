import type { AgreedRecord } from '@kinboard/shared/export/index';
import { loadAgreedRecord } from '../export/agreed-record.ts';
import type { Store } from '../store/store.ts';

/** The family's current plan: its newest agreed version, as exported [PASS6]; never a live board. */
export async function currentPlanOf(store: Store, familyId: string): Promise<AgreedRecord | undefined> {
  const latest = (await store.listPlanVersionsOfFamily(familyId)).at(-1);
  if (!latest) return undefined;
  const meeting = await store.getMeeting(latest.meetingId);
  return meeting && loadAgreedRecord(store, meeting, latest.version);
}

/** The rules of a plan as a journal entry names them: id and what the rule says. */
export function rulesOf(record: AgreedRecord | undefined): { id: string; text: string }[] {
  return (record?.board.rules ?? []).map((rule) => ({ id: rule.id, text: rule.fields['what'] ?? '' }));
}
