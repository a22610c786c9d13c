import { dateOfTime, dueItems } from '@kinboard/shared';
import { duePath, type DueList } from '@kinboard/shared/access/due';
import type { ApiContext } from '../api-context.ts';
import { ok, Reply } from '../reply.ts';
import { route } from '../router.ts';

/**
 * GET /api/due: for each family this worker was given, and only those [ACCESS5], what the
 * handbook's timescales make due or overdue, worked out on the server's clock [DUE3] [CLOCK1].
 * Families with nothing due are left out.
 */
async function listDue(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  if (staff instanceof Reply) return staff;
  const today = dateOfTime(context.now);
  const families: DueList['families'] = [];
  for (const family of await context.store.listFamiliesOf(staff.id)) {
    const meetings = await context.store.listMeetingsOfFamily(family.id);
    const items = dueItems({ familyAddedOn: dateOfTime(family.createdAt), meetings, today });
    if (items.length > 0) families.push({ family: { id: family.id, name: family.name }, items });
  }
  // The family with the most pressing item first.
  families.sort((a, b) => (a.items[0]!.dueBy < b.items[0]!.dueBy ? -1 : 1));
  return ok({ today, families } satisfies DueList);
}

export const dueRoutes = [route('GET', duePath, listDue)];
