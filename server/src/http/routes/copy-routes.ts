import {
  emailCopiesRequestSchema,
  phoneCopyParamsSchema,
  staffCopyRequestSchema,
  type CopyGiven,
  type CopyKind,
  type CopyMethod,
  type FamilyCopies,
} from '@kinboard/shared/access/copies';
import { guestParticipantKey } from '@kinboard/shared/access/participant-key';
import {
  exportWords,
  familyPlan,
  myPartSheet,
  peopleInPlan,
  type AgreedRecord,
  type PdfLayout,
} from '@kinboard/shared/export/index';
import { newId } from '../../access/secrets.ts';
import { loadAgreedRecord } from '../../export/agreed-record.ts';
import { drawingsForExport } from '../../export/drawings-for-export.ts';
import type { MailAttachment } from '../../mail/mailer.ts';
import type { CopyGivenRecord, Meeting } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import {
  badRequest,
  conflict,
  created,
  fileReply,
  forbidden,
  notFound,
  ok,
  Reply,
  signInNeeded,
  tooMany,
} from '../reply.ts';
import { route } from '../router.ts';
import { fileName } from './export-routes.ts';

/** One copy as a PDF file: the family's plan, or one person's part on one page [COPY2]. */
async function copyFile(
  context: ApiContext,
  record: AgreedRecord,
  what: CopyKind,
  personKey: string | undefined,
  layout: PdfLayout,
): Promise<MailAttachment | Reply> {
  const { renders, store, log } = context.deps;
  const names = exportWords.fileNames;
  if (what === 'family-plan') {
    const drawings = await drawingsForExport(store, record.meeting.id, log, renders);
    const content = await renders.pdf(familyPlan(record, drawings), { layout });
    const what = layout === 'phone' ? names.planForPhones : names.plan;
    return { filename: fileName(record, what, 'pdf'), contentType: 'application/pdf', content };
  }
  const sheet = personKey === undefined ? undefined : myPartSheet(record, personKey);
  if (!sheet || personKey === undefined) return notFound('The plan gives nobody by that name a job.');
  const content = await renders.pdf(sheet, { onePage: true, layout });
  const person = personName(record, personKey);
  const file = (layout === 'phone' ? names.myPartForPhones : names.myPart)(person);
  return { filename: fileName(record, file, 'pdf'), contentType: 'application/pdf', content };
}

const personName = (record: AgreedRecord, personKey: string) =>
  peopleInPlan(record.board).find((each) => each.id === personKey)?.name ?? personKey;

/** The agreed version the path names, for staff with access to its family [COPY3]. */
async function staffVersion(
  context: ApiContext,
): Promise<{ staffId: string; staffName: string; meeting: Meeting; record: AgreedRecord } | Reply> {
  const allowed = await context.meetingOfStaff(context.params['meetingId']!);
  if (allowed instanceof Reply) return allowed;
  const version = Number(context.params['version']);
  if (!Number.isInteger(version) || version < 1 || version > 100_000)
    return badRequest('Ask for an agreed version by number.');
  const record = await loadAgreedRecord(context.store, allowed.meeting, version);
  if (!record) return notFound('This meeting has no agreed plan with that version.');
  return { staffId: allowed.staff.id, staffName: allowed.staff.name, meeting: allowed.meeting, record };
}

/** Keeps one row per copy given, after the copy really left [COPY6]. */
async function recordCopies(
  context: ApiContext,
  base: Omit<CopyGivenRecord, 'id' | 'what' | 'personKey' | 'givenAt'>,
  kinds: readonly CopyKind[],
  personKey: string | undefined,
): Promise<CopyGivenRecord[]> {
  const given: CopyGivenRecord[] = [];
  for (const what of kinds) {
    const copy: CopyGivenRecord = {
      ...base,
      id: newId(),
      what,
      personKey: what === 'my-part' ? (personKey ?? null) : null,
      givenAt: context.now,
    };
    await context.store.recordCopyGiven(copy);
    given.push(copy);
  }
  return given;
}

/**
 * POST /api/meetings/:meetingId/plan-versions/:version/copies/email: staff send the chosen copies
 * of an agreed version, as PDFs, to one address [COPY3]. Recorded as given only once the mail
 * server took the message; a failure answers 502 with a plain sentence and records nothing [COPY4].
 */
async function emailCopies(context: ApiContext): Promise<Reply> {
  const found = await staffVersion(context);
  if (found instanceof Reply) return found;
  const body = context.body(emailCopiesRequestSchema);
  if (body instanceof Reply) return body;
  const mailer = context.deps.mailer;
  if (!mailer)
    return conflict(
      'This service has no mail server set up, so Kinboard cannot send email. Download the copies instead.',
    );
  // Counted before anything is drawn or sent, failed sends too: the mail server is the service's [COPY9].
  const taken = await context.deps.access.limits.copyEmailsPerStaff.take(found.staffId, context.now);
  if (taken.wait > 0)
    return tooMany(
      taken.wait,
      `You have sent a lot of copies by email in the last hour. Try again in ${Math.ceil(taken.wait / 60_000)} minutes, or download the copies instead.`,
    );
  const { record, meeting } = found;
  const attachments: MailAttachment[] = [];
  for (const what of body.what) {
    const file = await copyFile(context, record, what, body.personKey, 'a4');
    if (file instanceof Reply) return file;
    attachments.push(file);
  }
  const words = exportWords.copyMail;
  const family = record.family.name;
  const lines = body.what.map((what) =>
    what === 'family-plan' ? words.familyPlan : words.myPart(personName(record, body.personKey ?? '')),
  );
  const sent = await mailer.send({
    to: body.address,
    subject: words.subject(family, record.version.number, record.meeting.date),
    text: [
      words.greeting(body.recipientName),
      '',
      words.attached,
      ...lines.map((line) => `- ${line}`),
      '',
      words.sentBy(found.staffName),
      '',
    ].join('\n'),
    attachments,
  });
  const detail = { version: record.version.number, what: body.what.join(',') };
  if (!sent.sent) {
    await context.audit.record({
      actorKind: 'staff',
      actorId: found.staffId,
      action: 'copy.email-failed',
      familyId: meeting.familyId,
      meetingId: meeting.id,
      detail,
    });
    return new Reply(502, { error: 'mail-failed', message: sent.problem });
  }
  const given = await recordCopies(
    context,
    {
      familyId: meeting.familyId,
      meetingId: meeting.id,
      version: record.version.number,
      recipientName: body.recipientName,
      method: 'email',
      address: body.address,
      staffId: found.staffId,
      participantKey: null,
    },
    body.what,
    body.personKey,
  );
  await context.audit.record({
    actorKind: 'staff',
    actorId: found.staffId,
    action: 'copy.emailed',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: { ...detail, copies: given.map((copy) => copy.id).join(',') },
  });
  return created({ copies: given.map((copy) => copy.id) });
}

/**
 * POST /api/meetings/:meetingId/plan-versions/:version/copies/download: one copy as a PDF, for
 * staff to hand to someone, recorded as given by that worker [COPY5].
 */
async function downloadCopy(context: ApiContext): Promise<Reply> {
  const found = await staffVersion(context);
  if (found instanceof Reply) return found;
  const body = context.body(staffCopyRequestSchema);
  if (body instanceof Reply) return body;
  const { record, meeting } = found;
  const file = await copyFile(context, record, body.what, body.personKey, 'a4');
  if (file instanceof Reply) return file;
  const given = await recordCopies(
    context,
    {
      familyId: meeting.familyId,
      meetingId: meeting.id,
      version: record.version.number,
      recipientName: body.recipientName,
      method: 'staff-download',
      address: null,
      staffId: found.staffId,
      participantKey: null,
    },
    [body.what],
    body.personKey,
  );
  await context.audit.record({
    actorKind: 'staff',
    actorId: found.staffId,
    action: 'copy.downloaded',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    detail: { version: record.version.number, what: body.what, copies: given[0]!.id },
  });
  return fileReply(file.content, file.contentType, file.filename);
}

/**
 * POST /api/meetings/:meetingId/my-copy/:what: a guest in the meeting saves their own copy of the
 * plan just agreed (the family's plan, or their own part), on a phone-sized page [COPY1]. Only
 * while the meeting holds an agreed plan and the guest is let in; their part is always their own.
 */
async function phoneCopy(context: ApiContext): Promise<Reply> {
  const meetingId = context.params['meetingId']!;
  // Who asks comes first: a stranger learns nothing, not even which copies there are [PASS6].
  const identity = await context.deps.access.resolveConnectionIdentity(context.request.headers, meetingId);
  if (identity.kind === 'refused')
    return signInNeeded('Only people let in to this meeting can save its plan.');
  const params = phoneCopyParamsSchema.safeParse(context.params);
  if (!params.success) return notFound('There is no such copy.');
  if (identity.kind !== 'guest')
    return forbidden('Staff give copies from the family page, where each one is recorded.');
  const meeting = await context.store.getMeeting(meetingId);
  if (!meeting || meeting.state !== 'agreed') return conflict('The plan is not agreed yet.');
  const latest = (await context.store.listPlanVersions(meetingId)).at(-1);
  const record = latest && (await loadAgreedRecord(context.store, meeting, latest.version));
  if (!record) return conflict('The plan is not agreed yet.');
  const personKey = guestParticipantKey(identity.participantId);
  const file = await copyFile(context, record, params.data.what, personKey, 'phone');
  if (file instanceof Reply) return notFound('The plan gives you no jobs, so there is no part to save.');
  const guest = await context.store.getParticipant(identity.participantId);
  const given = await recordCopies(
    context,
    {
      familyId: meeting.familyId,
      meetingId,
      version: record.version.number,
      recipientName: guest?.name ?? personName(record, personKey),
      method: 'phone',
      address: null,
      staffId: null,
      participantKey: personKey,
    },
    [params.data.what],
    personKey,
  );
  await context.audit.record({
    actorKind: 'participant',
    actorId: identity.participantId,
    action: 'copy.saved-on-phone',
    familyId: meeting.familyId,
    meetingId,
    detail: { version: record.version.number, what: params.data.what, copies: given[0]!.id },
  });
  return fileReply(file.content, file.contentType, file.filename);
}

/** GET /api/families/:id/copies: who was given a copy of which version, when and how [COPY6]. */
async function listCopies(context: ApiContext): Promise<Reply> {
  const allowed = await context.familyOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const { store } = context;
  const meetings = new Map(
    (await store.listMeetingsOfFamily(allowed.family.id)).map((meeting) => [meeting.id, meeting]),
  );
  const boards = new Map(
    (await store.listPlanVersionsOfFamily(allowed.family.id)).map((version) => [
      `${version.meetingId}:${version.version}`,
      version.board,
    ]),
  );
  const staffNames = new Map<string, string>();
  const copies: CopyGiven[] = [];
  for (const copy of await store.listCopiesOfFamily(allowed.family.id)) {
    if (copy.staffId && !staffNames.has(copy.staffId))
      staffNames.set(copy.staffId, (await store.getStaff(copy.staffId))?.name ?? copy.staffId);
    const board = boards.get(`${copy.meetingId}:${copy.version}`);
    const partName =
      copy.personKey === null
        ? undefined
        : ((board && peopleInPlan(board).find((each) => each.id === copy.personKey)?.name) ??
          copy.recipientName);
    copies.push({
      id: copy.id,
      meetingId: copy.meetingId,
      meetingTitle: meetings.get(copy.meetingId)?.title ?? '',
      version: copy.version,
      what: copy.what,
      partOf: copy.personKey === null ? null : { key: copy.personKey, name: partName ?? '' },
      recipientName: copy.recipientName,
      method: copy.method satisfies CopyMethod,
      address: copy.address,
      byStaff: copy.staffId ? { id: copy.staffId, name: staffNames.get(copy.staffId) ?? '' } : null,
      givenAt: copy.givenAt,
    });
  }
  return ok({ copies, email: context.deps.mailer !== undefined } satisfies FamilyCopies);
}

export const copyRoutes = [
  route('GET', '/api/families/:id/copies', listCopies),
  route('POST', '/api/meetings/:meetingId/plan-versions/:version/copies/email', emailCopies),
  route('POST', '/api/meetings/:meetingId/plan-versions/:version/copies/download', downloadCopy),
  route('POST', '/api/meetings/:meetingId/my-copy/:what', phoneCopy),
];
