import { meetingIdSchema } from '@kinboard/shared';
import { staffParticipantKey } from '@kinboard/shared/access/participant-key';
import { draftsShareRequestSchema, type DraftsShare } from '@kinboard/shared/before-meeting/drafts';
import {
  maxViewsPerMeeting,
  maxViewsPerSender,
  maxViewTextLength,
  meetingPassLink,
  meetingPassRequestSchema,
  viewBeforeInputSchema,
  viewBeforeKey,
  type ViewBefore,
  type ViewsBeforeReply,
} from '@kinboard/shared/before-meeting/view-before';
import { endOfDay, newPassSecret } from '../../access/network-passes.ts';
import { newId } from '../../access/secrets.ts';
import { passViewOf } from '../../passes/journal-view.ts';
import { bringViewIn } from '../../before-meeting/bring-in.ts';
import { meetingDrafts } from '../../before-meeting/meeting-drafts.ts';
import type { Meeting, NetworkPass, ViewBeforeRecord } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { badRequest, conflict, created, notFound, ok, Reply } from '../reply.ts';
import { route } from '../router.ts';
import { holderPass } from './pass-routes.ts';

/** Meetings whose drafts and views are still "before the meeting" or in it [DRAFT3] [PRIOR3]. */
const beforeOrDuring: readonly Meeting['state'][] = ['preparing', 'open'];

const toView = (view: ViewBeforeRecord): ViewBefore => ({
  id: view.id,
  meetingId: view.meetingId,
  key: viewBeforeKey(view.id),
  name: view.name,
  relationship: view.relationship,
  worries: view.worries,
  workingWell: view.workingWell,
  offers: view.offers,
  scaling: view.scaling,
  sentAt: view.sentAt,
  ...(view.broughtInAt === undefined ? {} : { broughtInAt: view.broughtInAt }),
});

async function staffMeeting(context: ApiContext) {
  const id = meetingIdSchema.safeParse(context.params['id']);
  if (!id.success) return notFound('There is no meeting with that link.');
  return context.meetingOfStaff(id.data);
}

/** GET /api/meetings/:id/drafts-share: from when the drafts are shared, if they are [DRAFT2]. */
async function showShare(context: ApiContext): Promise<Reply> {
  const allowed = await staffMeeting(context);
  if (allowed instanceof Reply) return allowed;
  const share = await context.store.getDraftsShare(allowed.meeting.id);
  return ok({
    from: share?.shareFrom ?? null,
    ...(share ? { setBy: share.setBy, setAt: share.setAt } : {}),
  } satisfies DraftsShare);
}

/** PUT /api/meetings/:id/drafts-share {from}: the worker chooses when the drafts are shared [DRAFT2]. */
async function setShare(context: ApiContext): Promise<Reply> {
  const allowed = await staffMeeting(context);
  if (allowed instanceof Reply) return allowed;
  const body = context.body(draftsShareRequestSchema);
  if (body instanceof Reply) return body;
  const { meeting, staff } = allowed;
  if (!beforeOrDuring.includes(meeting.state))
    return conflict('This meeting is over: its drafts are not shared any more.');
  await context.store.setDraftsShare(
    meeting.id,
    body.from === null ? null : { shareFrom: body.from, setBy: staff.id, setAt: context.now },
  );
  await context.audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'drafts.share-set',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: { from: body.from },
  });
  return showShare(context);
}

/** GET /api/meetings/:id/drafts: the drafts as the family will read them, for the worker [DRAFT1]. */
async function previewDrafts(context: ApiContext): Promise<Reply> {
  const allowed = await staffMeeting(context);
  if (allowed instanceof Reply) return allowed;
  const documents = context.deps.documents;
  if (!documents) return notFound('No such API route.');
  const share = await context.store.getDraftsShare(allowed.meeting.id);
  return ok(await meetingDrafts(documents, allowed.meeting, share?.shareFrom ?? context.now));
}

/** GET /api/meetings/:id/views-before: the views sent before the meeting, for the chair [PRIOR3]. */
async function listViews(context: ApiContext): Promise<Reply> {
  const allowed = await staffMeeting(context);
  if (allowed instanceof Reply) return allowed;
  const views = await context.store.listViewsBefore(allowed.meeting.id);
  return ok({ views: views.map(toView) } satisfies ViewsBeforeReply);
}

/**
 * POST /api/meetings/:id/views-before/:viewId/bring-in: the chair brings a view into the meeting
 * [PRIOR4]: its words become cards credited to its sender as the server recorded them, once.
 */
async function bringIn(context: ApiContext): Promise<Reply> {
  const allowed = await staffMeeting(context);
  if (allowed instanceof Reply) return allowed;
  const { meeting, staff } = allowed;
  const documents = context.deps.documents;
  const view = await context.store.getViewBefore(context.params['viewId'] ?? '');
  if (!documents || !view || view.meetingId !== meeting.id) return notFound('There is no such view.');
  if (!beforeOrDuring.includes(meeting.state)) return conflict('This meeting is over.');
  if ((await context.store.getPlanAgreement(meeting.id)).stage !== 'drafting')
    return conflict('The plan is locked while it is agreed. Reopen it to bring a view in.');
  const marked = await context.store.markViewBroughtIn(view.id, staff.id, context.now);
  if (!marked) return conflict('That view has been brought in already.');
  const key = staffParticipantKey(staff.id);
  const cards = await bringViewIn(
    documents,
    marked,
    { key, author: { name: staff.name, role: 'staff' } },
    context.now,
  );
  await context.audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'view-before.brought-in',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: { viewId: view.id, cards: cards.length },
  });
  return ok({ view: toView(marked), cards });
}

/** Who sends a view or reads the drafts: a pass holder as the server recorded them. */
export interface DraftsReader {
  /** The pass's own key, for the per-sender limit and the audit log. */
  passId: string;
  name: string;
  relationship: string;
}

/**
 * The drafts a pass for this meeting opens [DRAFT3]: nothing before the time the worker chose
 * (the server's clock), and nothing once the meeting is over.
 */
export async function draftsForReader(context: ApiContext, meeting: Meeting): Promise<Reply> {
  const documents = context.deps.documents;
  const share = await context.store.getDraftsShare(meeting.id);
  if (!documents || !share || share.shareFrom > context.now || !beforeOrDuring.includes(meeting.state))
    return notFound('The drafts for this meeting are not shared yet.');
  return ok(await meetingDrafts(documents, meeting, share.shareFrom));
}

/**
 * A view sent before the meeting through a pass for it [PRIOR1] [PRIOR2]: stored with the name
 * and relationship the server recorded for the pass and the server's time; never a name the
 * body claims (the schema has no field for one).
 */
export async function receiveView(
  context: ApiContext,
  meeting: Meeting,
  reader: DraftsReader,
): Promise<Reply> {
  const body = context.body(viewBeforeInputSchema);
  if (body instanceof Reply) return body;
  if (!beforeOrDuring.includes(meeting.state)) return conflict('This meeting is over.');
  const result = await context.store.saveViewBefore(
    {
      id: newId(),
      meetingId: meeting.id,
      senderKey: `pass:${reader.passId}`,
      name: reader.name,
      relationship: reader.relationship,
      worries: body.worries,
      workingWell: body.workingWell,
      offers: body.offers,
      scaling: body.scaling,
      sentAt: context.now,
    },
    { perSender: maxViewsPerSender, perMeeting: maxViewsPerMeeting },
  );
  if (result === 'not-found') return notFound('There is no meeting with that link.');
  if (result === 'too-many-from-sender')
    return badRequest(`You have sent ${maxViewsPerSender} views for this meeting already.`);
  if (result === 'too-many-for-meeting') return badRequest('This meeting cannot take more views.');
  await context.audit.record({
    actorKind: 'participant',
    actorId: reader.passId,
    action: 'view-before.sent',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: { pass: reader.passId },
  });
  return created({ sentAt: context.now });
}

/**
 * POST /api/meetings/:id/passes: a pass of kind `before-meeting` for this meeting [PRIOR6], made
 * like every network pass (secret hashed, link with the secret after `#`, revoked and reissued
 * from the family's passes, every use audited), ending with the meeting's day.
 */
async function issueMeetingPass(context: ApiContext): Promise<Reply> {
  const allowed = await staffMeeting(context);
  if (allowed instanceof Reply) return allowed;
  const { meeting, staff } = allowed;
  const body = context.body(meetingPassRequestSchema);
  if (body instanceof Reply) return body;
  const endsAt = endOfDay(meeting.date);
  if (!beforeOrDuring.includes(meeting.state) || endsAt <= context.now)
    return conflict('This meeting is over: a pass for it would open nothing.');
  const secret = newPassSecret();
  const pass: NetworkPass = {
    id: secret.id,
    familyId: meeting.familyId,
    kind: 'before-meeting',
    scope: meeting.id,
    holderName: body.holderName,
    relationship: body.relationship,
    secretHash: secret.secretHash,
    createdAt: context.now,
    createdBy: staff.id,
    endsAt,
  };
  await context.store.createPass(pass);
  await context.audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'pass.issued',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: { pass: pass.id, kind: pass.kind, endsAt },
  });
  return created({
    pass: await passViewOf(context.store, pass, context.now),
    link: meetingPassLink(secret.token),
  });
}

/** The meeting a `before-meeting` pass is for, or the refusal [DRAFT3]. */
async function passMeeting(context: ApiContext, what: string) {
  const pass = await holderPass(context, what, ['before-meeting']);
  if (pass instanceof Reply) return pass;
  const meeting = pass.scope ? await context.store.getMeeting(pass.scope) : undefined;
  if (!meeting || meeting.familyId !== pass.familyId) return notFound('There is no meeting with that link.');
  return { pass, meeting };
}

/** GET /api/pass/meeting: whose pass it is and which meeting it is for [PRIOR6]. */
async function showPassMeeting(context: ApiContext): Promise<Reply> {
  const held = await passMeeting(context, 'meeting');
  if (held instanceof Reply) return held;
  const { pass, meeting } = held;
  return ok({
    holder: { name: pass.holderName, relationship: pass.relationship },
    meeting: { title: meeting.title, date: meeting.date },
    endsAt: pass.endsAt,
    limits: { textChars: maxViewTextLength, views: maxViewsPerSender },
  });
}

/** GET /api/pass/drafts: the drafts, from the chosen time only [DRAFT3]. */
async function passDrafts(context: ApiContext): Promise<Reply> {
  const held = await passMeeting(context, 'drafts');
  if (held instanceof Reply) return held;
  return draftsForReader(context, held.meeting);
}

/** POST /api/pass/views-before: the holder's view, credited as the server recorded the pass [PRIOR1]. */
async function passSendsView(context: ApiContext): Promise<Reply> {
  const held = await passMeeting(context, 'view-before');
  if (held instanceof Reply) return held;
  const { pass, meeting } = held;
  return receiveView(context, meeting, {
    passId: pass.id,
    name: pass.holderName,
    relationship: pass.relationship,
  });
}

export const beforeMeetingRoutes = [
  route('POST', '/api/meetings/:id/passes', issueMeetingPass),
  route('GET', '/api/pass/meeting', showPassMeeting),
  route('GET', '/api/pass/drafts', passDrafts),
  route('POST', '/api/pass/views-before', passSendsView),
  route('GET', '/api/meetings/:id/drafts-share', showShare),
  route('PUT', '/api/meetings/:id/drafts-share', setShare),
  route('GET', '/api/meetings/:id/drafts', previewDrafts),
  route('GET', '/api/meetings/:id/views-before', listViews),
  route('POST', '/api/meetings/:id/views-before/:viewId/bring-in', bringIn),
];
