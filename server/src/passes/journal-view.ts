import type { JournalEntryView, PassView } from '@kinboard/shared/passes/network-pass';
import type { NetworkPass, Store } from '../store/store.ts';

/** Staff names by id, each looked up once. */
function staffNames(store: Store): (staffId: string | undefined) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (staffId) => {
    if (!staffId) return Promise.resolve('');
    let name = names.get(staffId);
    if (!name) {
      name = store.getStaff(staffId).then((staff) => staff?.name ?? '');
      names.set(staffId, name);
    }
    return name;
  };
}

/** The family's journal in order, each entry with its replies in order, credited [PASS8] [PASS10]. */
export async function journalOf(store: Store, familyId: string): Promise<JournalEntryView[]> {
  const { entries, replies } = await store.listJournalOfFamily(familyId);
  const nameOf = staffNames(store);
  return Promise.all(
    entries.map(async (entry) => ({
      id: entry.id,
      text: entry.text,
      happenedOn: entry.happenedOn,
      whoWasThere: entry.whoWasThere,
      planHeld: entry.planHeld,
      ...(entry.ruleId ? { rule: { id: entry.ruleId, text: entry.ruleText ?? '' } } : {}),
      authorName: entry.authorName,
      authorRelationship: entry.authorRelationship,
      writtenAt: entry.writtenAt,
      ...(entry.readAt === undefined ? {} : { readAt: entry.readAt, readByName: await nameOf(entry.readBy) }),
      replies: await Promise.all(
        replies
          .filter((reply) => reply.entryId === entry.id)
          .map(async (reply) => ({
            id: reply.id,
            text: reply.text,
            writtenAt: reply.writtenAt,
            staffName: await nameOf(reply.staffId),
          })),
      ),
    })),
  );
}

/** A pass as the family page shows it; never its secret [PASS1]. */
export async function passViewOf(store: Store, pass: NetworkPass, now: number): Promise<PassView> {
  return {
    id: pass.id,
    kind: pass.kind,
    holderName: pass.holderName,
    relationship: pass.relationship,
    ...(pass.personKey ? { personKey: pass.personKey } : {}),
    createdAt: pass.createdAt,
    createdByName: (await store.getStaff(pass.createdBy))?.name ?? '',
    endsAt: pass.endsAt,
    ...(pass.revokedAt === undefined ? {} : { revokedAt: pass.revokedAt }),
    ...(pass.replacedBy ? { replacedBy: pass.replacedBy } : {}),
    state: pass.revokedAt !== undefined ? 'revoked' : pass.endsAt <= now ? 'expired' : 'active',
  };
}
