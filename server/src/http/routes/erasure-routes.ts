import { familyErasureRequestSchema } from '@kinboard/shared/access/family';
import type { ApiContext } from '../api-context.ts';
import { badRequest, conflict, notFound, ok, Reply } from '../reply.ts';
import { route } from '../router.ts';

const stillRunning = () =>
  conflict('A meeting of this family is still open. Close it first, then erase the family.');

/**
 * POST /api/families/:id/erase: an administrator erases the family and everything held about it
 * [ERASE1–ERASE5]. The name typed again must match. Refused (409) while a meeting is open. Its
 * documents are dropped from memory unsaved, before and after the store deletes, and every
 * connection to its meetings is closed; one audit entry remains, with no personal data.
 */
async function eraseFamily(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  const body = context.body(familyErasureRequestSchema);
  if (body instanceof Reply) return body;
  const family = await context.store.getFamily(context.params['id']!);
  if (!family) return notFound('There is no family with that link.');
  if (body.confirmName.trim() !== family.name.trim())
    return badRequest('Type the family’s name exactly as shown to confirm.', 'confirmName');
  const meetings = await context.store.listMeetingsOfFamily(family.id);
  if (meetings.some((meeting) => meeting.state === 'open' || meeting.state === 'agreed'))
    return stillRunning();
  const meetingIds = meetings.map((meeting) => meeting.id);
  const staffIds = await context.store.listStaffOfFamily(family.id);
  const passIds = (await context.store.listPassesOfFamily(family.id)).map((pass) => pass.id);
  await context.deps.discardMeetings?.(meetingIds);
  const result = await context.store.eraseFamily(family.id);
  if (result === 'meeting-open') return stillRunning();
  if (result === 'not-found') return notFound('There is no family with that link.');
  // A unload that was already under way must not write the documents back.
  await context.deps.discardMeetings?.(meetingIds);
  for (const meetingId of meetingIds) context.deps.access.events.emit('meeting-closed', { meetingId });
  for (const staffId of staffIds)
    context.deps.access.events.emit('family-access-removed', { staffId, familyId: family.id });
  // Its passes' open pages close too, on every server [PASS12].
  for (const passId of passIds)
    context.deps.access.events.emit('pass-ended', { passId, familyId: family.id });
  // By whom and when; the family only by its id, in the service's log (no family is left to hold it).
  await context.audit.record({
    actorKind: 'staff',
    actorId: admin.id,
    action: 'family.erased',
    detail: { family: family.id, meetings: meetingIds.length },
  });
  return ok({ erased: family.id });
}

export const erasureRoutes = [route('POST', '/api/families/:id/erase', eraseFamily)];
