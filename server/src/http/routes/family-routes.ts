import { auditPageQuerySchema } from '@kinboard/shared/access/audit-page';
import { newFamilyRequestSchema, newMeetingRequestSchema } from '@kinboard/shared/access/family';
import { familyRetention, lastMeetingDate } from '@kinboard/shared/access/family-retention';
import {
  carryForward,
  formatDocumentName,
  initialiseAgenda,
  initialiseBoardSettings,
  isMeetingTypeId,
  type MeetingTypeId,
} from '@kinboard/shared';
import * as Y from 'yjs';
import { newId } from '../../access/secrets.ts';
import type { Meeting } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { badRequest, created, ok, Reply } from '../reply.ts';
import { route } from '../router.ts';
import { meetingView } from '../views.ts';

/** GET /api/families: only the families this staff member was given [ACCESS5]. */
async function listFamilies(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  if (staff instanceof Reply) return staff;
  return ok({ families: await context.store.listFamiliesOf(staff.id) });
}

/** POST /api/families: the creator is given access to the new family. */
async function addFamily(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  if (staff instanceof Reply) return staff;
  const body = context.body(newFamilyRequestSchema);
  if (body instanceof Reply) return body;
  const familyId = newId();
  const details = {
    family: { id: familyId, name: body.name, createdAt: context.now },
    children: body.children.map((child) => ({ id: newId(), familyId, ...child })),
    network: body.network.map((member) => ({ id: newId(), familyId, ...member })),
  };
  await context.store.createFamily(details, staff.id);
  await context.audit.record({ actorKind: 'staff', actorId: staff.id, action: 'family.created', familyId });
  return created(details);
}

/** GET /api/families/:id: the children, the network and every meeting. */
async function showFamily(context: ApiContext): Promise<Reply> {
  const allowed = await context.familyOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const details = await context.store.getFamilyDetails(allowed.family.id);
  const meetings = await context.store.listMeetingsOfFamily(allowed.family.id);
  return ok({
    ...details,
    meetings: meetings.map((meeting) => meetingView(meeting, 'staff')),
    retention: familyRetention(
      lastMeetingDate(meetings),
      allowed.family.createdAt,
      context.deps.familyRecordYears,
      context.now,
    ),
  });
}

/**
 * GET /api/retention/families-due (administrators): the families whose retention period has
 * ended, oldest first, to review [RETAIN3]. Nothing is deleted by listing them.
 */
async function familiesDue(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  const meetings = await context.store.listMeetings();
  const families = (await context.store.listFamilies()).flatMap((family) => {
    const retention = familyRetention(
      lastMeetingDate(meetings.filter((meeting) => meeting.familyId === family.id)),
      family.createdAt,
      context.deps.familyRecordYears,
      context.now,
    );
    return retention.due ? [{ family, retention }] : [];
  });
  families.sort((a, b) => (a.retention.keptUntil < b.retention.keptUntil ? -1 : 1));
  return ok({ families });
}

/** The frame a new meeting starts from: the type's vocabulary and agenda. */
function firstFrame(type: MeetingTypeId): Uint8Array {
  const doc = new Y.Doc();
  initialiseBoardSettings(doc, type);
  initialiseAgenda(doc, type);
  return Y.encodeStateAsUpdate(doc);
}

/** POST /api/families/:id/meetings: a meeting in preparation, chaired by its creator. */
async function addMeeting(context: ApiContext): Promise<Reply> {
  const allowed = await context.familyOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const body = context.body(newMeetingRequestSchema);
  if (body instanceof Reply) return body;
  if (!isMeetingTypeId(body.type))
    return badRequest('Check type: not a kind of meeting Kinboard runs.', 'type');
  const meeting: Meeting = {
    id: newId(),
    familyId: allowed.family.id,
    type: body.type,
    title: body.title,
    date: body.date,
    state: 'preparing',
    createdAt: context.now,
    chairStaffId: allowed.staff.id,
  };
  // A family with an agreed plan starts its next meeting from the last agreed version [PLAN8].
  const agreed = (await context.store.listPlanVersionsOfFamily(allowed.family.id)).at(-1);
  const partOf = (part: 'frame' | 'plan') => agreed?.documents.find((doc) => doc.part === part)?.data;
  const carried = agreed && carryForward({ frame: partOf('frame'), plan: partOf('plan') }, body.type);
  const documentName = (part: 'frame' | 'plan') => formatDocumentName({ meetingId: meeting.id, part });
  await context.store.createMeeting({
    family: allowed.family,
    meeting,
    documents: [
      { documentName: documentName('frame'), update: carried?.frame ?? firstFrame(body.type) },
      ...(carried?.plan ? [{ documentName: documentName('plan'), update: carried.plan }] : []),
    ],
  });
  await context.audit.record({
    actorKind: 'staff',
    actorId: allowed.staff.id,
    action: 'meeting.created',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: {
      type: meeting.type,
      date: meeting.date,
      ...(agreed ? { carriedFrom: agreed.meetingId, carriedVersion: agreed.version } : {}),
    },
  });
  return created({ meeting: meetingView(meeting, 'staff') });
}

/**
 * GET /api/families/:id/plan-versions: every agreed plan of the family's meetings, oldest first,
 * as agreed (the board read through the typed layer, who took part, their answers), for the family
 * page to list and compare [PLAN7]. The documents' bytes stay on the server.
 */
async function planVersions(context: ApiContext): Promise<Reply> {
  const allowed = await context.familyOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const meetings = new Map(
    (await context.store.listMeetingsOfFamily(allowed.family.id)).map((meeting) => [meeting.id, meeting]),
  );
  const versions = await context.store.listPlanVersionsOfFamily(allowed.family.id);
  return ok({
    versions: versions.map(({ documents: _documents, ...version }) => ({
      ...version,
      meetingTitle: meetings.get(version.meetingId)?.title ?? '',
      meetingDate: meetings.get(version.meetingId)?.date ?? '',
    })),
  });
}

/**
 * GET /api/families/:id/audit?after=&limit=: the family's record of who got in and who changed
 * what, a page at a time, oldest first [ACCESS32]; `next` is the `after` of the next page.
 */
async function familyAudit(context: ApiContext): Promise<Reply> {
  const allowed = await context.familyOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const page = context.query(auditPageQuerySchema);
  if (page instanceof Reply) return page;
  const entries = await context.audit.ofFamily(allowed.family.id, { after: page.after, limit: page.limit });
  return ok({ entries, next: entries.length === page.limit ? entries.at(-1)!.id : null });
}

export const familyRoutes = [
  route('GET', '/api/families', listFamilies),
  route('POST', '/api/families', addFamily),
  route('GET', '/api/families/:id', showFamily),
  route('POST', '/api/families/:id/meetings', addMeeting),
  route('GET', '/api/families/:id/audit', familyAudit),
  route('GET', '/api/families/:id/plan-versions', planVersions),
  route('GET', '/api/retention/families-due', familiesDue),
];
