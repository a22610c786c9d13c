import { exportLanguageSchema, familyPlan, myPartSheet, peopleInPlan } from '@kinboard/shared/export/index';
import {
  issuePassRequestSchema,
  journalEntryRequestSchema,
  journalLimits,
  journalReplyRequestSchema,
  longestPassDays,
  openPassRequestSchema,
  passKinds,
  type PassKind,
} from '@kinboard/shared/passes/network-pass';
import type { ServerResponse } from 'node:http';
import { networkPassCookieName, clearCookieHeader } from '../../access/cookies.ts';
import {
  checkPassToken,
  endOfDay,
  newPassSecret,
  passCookie,
  passCookiePath,
  passLink,
  passOfRequest,
} from '../../access/network-passes.ts';
import { meetingPassLink } from '@kinboard/shared/before-meeting/view-before';
import { newId } from '../../access/secrets.ts';
import { currentPlanOf, rulesOf } from '../../passes/current-plan.ts';
import { journalSinceLastMeeting } from '../../passes/journal-since.ts';
import { journalOf, passViewOf } from '../../passes/journal-view.ts';
import type { NetworkPass } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import {
  badRequest,
  created,
  forbidden,
  notFound,
  ok,
  Reply,
  signInNeeded,
  StreamReply,
  tooMany,
} from '../reply.ts';
import { route } from '../router.ts';

const dayMs = 24 * 60 * 60 * 1000;
/** An entry's JSON body: its words and a base64 photo at most `photoBytes` [PASS8]. */
const journalEntryBodyBytes = Math.ceil(journalLimits.photoBytes / 3) * 4 + 16 * 1024;
/** How often an open pass page hears from the server, and its pass is checked against the clock [PASS5]. */
export const passHeartbeatMs = 10_000;

const passEnded = () =>
  new Reply(410, {
    error: 'pass-ended',
    message: 'This pass has ended. Ask the worker for a new one if you still need it.',
  });
const noPass = () => signInNeeded('This link does not open anything.');

/**
 * The pass a holder's request carries, or the refusal [PASS2] [PASS4]; each use is audited
 * without content, coalesced per pass and kind of use [PASS7].
 */
export async function holderPass(
  context: ApiContext,
  what: string,
  // What each route serves is one kind's: a pass for a meeting's drafts opens no plan [DRAFT3].
  kinds: readonly PassKind[] = ['between-meetings'],
): Promise<NetworkPass | Reply> {
  const check = await passOfRequest(context.store, context.request.headers, context.now);
  if (check.ok && !kinds.includes(check.pass.kind)) return noPass();
  if (!check.ok) {
    if (check.pass)
      await context.audit.recordCoalesced(`pass:${check.pass.id}:refused`, {
        actorKind: 'participant',
        actorId: check.pass.id,
        action: 'pass.refused',
        familyId: check.pass.familyId,
        detail: { pass: check.pass.id, what },
      });
    return check.why === 'ended' ? passEnded() : noPass();
  }
  const { pass } = check;
  await context.audit.recordCoalesced(`pass:${pass.id}:${what}`, {
    actorKind: 'participant',
    actorId: pass.id,
    action: 'pass.used',
    familyId: pass.familyId,
    detail: { pass: pass.id, what },
  });
  return pass;
}

/** POST /api/pass/open {token}: trades the link's token for this browser session's cookie [PASS3]. */
async function openPass(context: ApiContext): Promise<Reply> {
  const body = context.body(openPassRequestSchema);
  if (body instanceof Reply) return body;
  const check = await checkPassToken(context.store, body.token, context.now);
  if (!check.ok) {
    const reply = check.why === 'ended' ? passEnded() : noPass();
    return reply.withCookie(
      clearCookieHeader(networkPassCookieName, { secure: context.secure, path: passCookiePath }),
    );
  }
  await context.audit.record({
    actorKind: 'participant',
    actorId: check.pass.id,
    action: 'pass.opened',
    familyId: check.pass.familyId,
    detail: { pass: check.pass.id },
  });
  return ok({ opened: true }).withCookie(passCookie(body.token, context.secure));
}

/** GET /api/pass: who holds it, the family's current agreed plan, their part, the plan's rules [PASS6]. */
async function showPass(context: ApiContext): Promise<Reply> {
  // The plan and my part in the holder's language (`?lang=en|cy|ar`, as the PDF takes it) [LANG20].
  const language = exportLanguageSchema.safeParse(context.url.searchParams.get('lang') ?? undefined);
  if (!language.success) return badRequest('Check lang: en, cy or ar.', 'lang');
  const pass = await holderPass(context, 'plan');
  if (pass instanceof Reply) return pass;
  const family = await context.store.getFamily(pass.familyId);
  const record = await currentPlanOf(context.store, pass.familyId);
  return ok({
    holder: { name: pass.holderName, relationship: pass.relationship },
    family: { name: family?.name ?? '' },
    endsAt: pass.endsAt,
    plan: record ? familyPlan(record, [], language.data) : null,
    myPart: record && pass.personKey ? (myPartSheet(record, pass.personKey, language.data) ?? null) : null,
    rules: rulesOf(record),
    allowPhotos: pass.allowPhotos ?? false,
    limits: journalLimits,
  });
}

/** GET /api/pass/journal: the family's safety journal in order, with replies [PASS8]. */
async function holderJournal(context: ApiContext): Promise<Reply> {
  const pass = await holderPass(context, 'journal');
  if (pass instanceof Reply) return pass;
  return ok({ entries: await journalOf(context.store, pass.familyId) });
}

/** POST /api/pass/journal: one entry, credited to the holder as the server recorded them [PASS8] [PASS9]. */
async function writeEntry(context: ApiContext): Promise<Reply> {
  const pass = await holderPass(context, 'journal-write');
  if (pass instanceof Reply) return pass;
  const body = context.body(journalEntryRequestSchema);
  if (body instanceof Reply) return body;
  let rule: { id: string; text: string } | undefined;
  if (body.ruleId) {
    rule = rulesOf(await currentPlanOf(context.store, pass.familyId)).find((each) => each.id === body.ruleId);
    if (!rule) return badRequest('Check ruleId: choose a rule of the agreed plan.', 'ruleId');
  }
  const photo = body.photo && photoOf(body.photo);
  if (photo instanceof Reply) return photo;
  if (photo && !pass.allowPhotos) return forbidden('This pass does not take photos or drawings.');
  const entry = {
    id: newId(),
    familyId: pass.familyId,
    passId: pass.id,
    authorName: pass.holderName,
    authorRelationship: pass.relationship,
    writtenAt: context.now,
    happenedOn: body.happenedOn,
    text: body.text,
    whoWasThere: body.whoWasThere,
    planHeld: body.planHeld,
    ruleId: rule?.id,
    ruleText: rule?.text,
  };
  const added = await context.store.addJournalEntry(
    entry,
    { since: context.now - dayMs, most: journalLimits.entriesPerDay },
    photo,
  );
  if (added === 'too-many')
    return tooMany(
      dayMs,
      `A pass can write ${journalLimits.entriesPerDay} entries a day. Try again tomorrow.`,
    );
  await context.audit.record({
    actorKind: 'participant',
    actorId: pass.id,
    action: 'journal.written',
    familyId: pass.familyId,
    detail: { pass: pass.id, entry: entry.id },
  });
  return created({
    entry: (await journalOf(context.store, pass.familyId)).find((each) => each.id === entry.id),
  });
}

const signatures: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** The photo's bytes, if they are what they say (a PNG or JPEG) and small enough [PASS8]. */
function photoOf(photo: {
  contentType: string;
  base64: string;
}): { contentType: string; data: Uint8Array } | Reply {
  const data = new Uint8Array(Buffer.from(photo.base64, 'base64'));
  const signature = signatures[photo.contentType] ?? [];
  if (data.length > journalLimits.photoBytes)
    return badRequest(`Check photo: at most ${journalLimits.photoBytes / 1024} KB.`, 'photo');
  if (data.length < signature.length || signature.some((byte, index) => data[index] !== byte))
    return badRequest('Check photo: a PNG or JPEG picture.', 'photo');
  return { contentType: photo.contentType, data };
}

/** A picture as an answer: shown, never cached, and never taken for another type. */
const pictureReply = (photo: { contentType: string; data: Uint8Array }) =>
  new Reply(200, photo.data, {
    'content-type': photo.contentType,
    'content-disposition': 'inline',
    'cache-control': 'no-store',
  });

/** GET /api/pass/journal/:entryId/photo: an entry's photo, for the family's pass holders [PASS8]. */
async function holderPhoto(context: ApiContext): Promise<Reply> {
  const pass = await holderPass(context, 'photo');
  if (pass instanceof Reply) return pass;
  const photo = await context.store.getJournalPhoto(pass.familyId, context.params['entryId']!);
  return photo ? pictureReply(photo) : notFound('That entry has no photo.');
}

/** GET /api/families/:id/journal/:entryId/photo: an entry's photo, for staff with access [PASS8]. */
async function staffPhoto(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const photo = await context.store.getJournalPhoto(allowed.family.id, context.params['entryId']!);
  return photo ? pictureReply(photo) : notFound('That entry has no photo.');
}

/** Server-sent events: `ended` the moment the pass is revoked, on any server [PASS5]. */
function streamPass(context: ApiContext, pass: NetworkPass) {
  return (response: ServerResponse) => {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    response.write('event: open\ndata: {}\n\n');
    let done = false;
    const finish = (code: number, reason: string) => {
      if (done) return;
      done = true;
      clearInterval(beat);
      watch.stop();
      response.end(`event: ended\ndata: ${JSON.stringify({ code, reason })}\n\n`);
    };
    const watch = context.deps.access.ends.watch(
      context.request.headers,
      { passId: pass.id, familyId: pass.familyId },
      finish,
      'live',
    );
    // Expiry comes with time, not news: each beat asks the store and the clock again.
    const beat = setInterval(() => {
      context.store.getPass(pass.id).then(
        (now) => {
          if (!now || now.revokedAt !== undefined || now.endsAt <= context.deps.clock.now())
            finish(4401, 'the pass ended');
          else if (!done) response.write(': beat\n\n');
        },
        () => {},
      );
    }, passHeartbeatMs);
    response.on('close', () => {
      done = true;
      clearInterval(beat);
      watch.stop();
    });
  };
}

/** GET /api/pass/live: the open page's line to the server, closed when the pass ends [PASS5]. */
async function passLive(context: ApiContext): Promise<Reply> {
  const pass = await holderPass(context, 'live', passKinds);
  if (pass instanceof Reply) return pass;
  return new StreamReply(streamPass(context, pass));
}

/** Staff with access to the family [PASS1]; else 401 or 404 as a missing family [ACCESS28]. */
const staffFamily = (context: ApiContext) => context.familyOfStaff(context.params['id']!);

/** GET /api/families/:id/passes: the family's passes, and the people the current plan names. */
async function listPasses(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const passes = await context.store.listPassesOfFamily(allowed.family.id);
  const record = await currentPlanOf(context.store, allowed.family.id);
  return ok({
    passes: await Promise.all(passes.map((pass) => passViewOf(context.store, pass, context.now))),
    people: record ? peopleInPlan(record.board) : [],
    hasPlan: record !== undefined,
  });
}

/** POST /api/families/:id/passes: a pass for one person, with an end [PASS1] [PASS2]. */
async function issuePass(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const body = context.body(issuePassRequestSchema);
  if (body instanceof Reply) return body;
  const endsAt = endOfDay(body.endsOn);
  if (endsAt <= context.now) return badRequest('Check endsOn: the pass must end after today.', 'endsOn');
  if (endsAt > context.now + (longestPassDays + 1) * dayMs)
    return badRequest(`Check endsOn: a pass lasts at most ${longestPassDays} days.`, 'endsOn');
  if (body.personKey) {
    const record = await currentPlanOf(context.store, allowed.family.id);
    if (!record || !peopleInPlan(record.board).some((person) => person.id === body.personKey))
      return badRequest('Check personKey: choose a person the agreed plan names.', 'personKey');
  }
  const secret = newPassSecret();
  const pass: NetworkPass = {
    id: secret.id,
    familyId: allowed.family.id,
    kind: 'between-meetings',
    holderName: body.holderName,
    relationship: body.relationship,
    personKey: body.personKey,
    secretHash: secret.secretHash,
    createdAt: context.now,
    createdBy: allowed.staff.id,
    endsAt,
    allowPhotos: body.allowPhotos,
  };
  await context.store.createPass(pass);
  await context.audit.record({
    actorKind: 'staff',
    actorId: allowed.staff.id,
    action: 'pass.issued',
    familyId: pass.familyId,
    detail: { pass: pass.id, kind: pass.kind, endsAt },
  });
  return created({ pass: await passViewOf(context.store, pass, context.now), link: passLink(secret.token) });
}

/** POST /api/families/:id/passes/:passId/revoke: its open pages close on every server [PASS4] [PASS5]. */
async function revokePass(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const pass = await context.store.revokePass(
    allowed.family.id,
    context.params['passId']!,
    context.now,
    allowed.staff.id,
  );
  if (!pass) return notFound('There is no pass with that link still open.');
  context.deps.access.events.emit('pass-ended', { passId: pass.id, familyId: pass.familyId });
  await context.audit.record({
    actorKind: 'staff',
    actorId: allowed.staff.id,
    action: 'pass.revoked',
    familyId: pass.familyId,
    detail: { pass: pass.id },
  });
  return ok({ pass: await passViewOf(context.store, pass, context.now) });
}

/** POST /api/families/:id/passes/:passId/reissue: a new link for a new phone; the old one opens nothing [PASS4]. */
async function reissuePass(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const old = await context.store.getPass(context.params['passId']!);
  if (!old || old.familyId !== allowed.family.id)
    return notFound('There is no pass with that link still open.');
  const secret = newPassSecret();
  const next: NetworkPass = {
    ...old,
    id: secret.id,
    secretHash: secret.secretHash,
    createdAt: context.now,
    createdBy: allowed.staff.id,
    revokedAt: undefined,
    revokedBy: undefined,
    replacedBy: undefined,
  };
  const made = await context.store.reissuePass(allowed.family.id, old.id, next, context.now);
  if (!made) return notFound('There is no pass with that link still open.');
  context.deps.access.events.emit('pass-ended', { passId: old.id, familyId: old.familyId });
  await context.audit.record({
    actorKind: 'staff',
    actorId: allowed.staff.id,
    action: 'pass.reissued',
    familyId: old.familyId,
    detail: { pass: next.id, replaces: old.id },
  });
  // A meeting's pass opens its own page [PRIOR6].
  const link = next.kind === 'before-meeting' ? meetingPassLink(secret.token) : passLink(secret.token);
  return created({ pass: await passViewOf(context.store, next, context.now), link });
}

/** GET /api/families/:id/journal: the safety journal in order, for staff [PASS10]. */
async function staffJournal(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  return ok({ entries: await journalOf(context.store, allowed.family.id) });
}

/** POST /api/families/:id/journal/:entryId/read: read, by whom and when, the first time [PASS10]. */
async function markRead(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const entryId = context.params['entryId']!;
  if (!(await context.store.markJournalEntryRead(allowed.family.id, entryId, context.now, allowed.staff.id)))
    return notFound('There is no journal entry with that link.');
  await context.audit.record({
    actorKind: 'staff',
    actorId: allowed.staff.id,
    action: 'journal.read',
    familyId: allowed.family.id,
    detail: { entry: entryId },
  });
  return ok({
    entry: (await journalOf(context.store, allowed.family.id)).find((each) => each.id === entryId),
  });
}

/** POST /api/families/:id/journal/:entryId/replies: a reply credited to the staff member [PASS10]. */
async function reply(context: ApiContext): Promise<Reply> {
  const allowed = await staffFamily(context);
  if (allowed instanceof Reply) return allowed;
  const body = context.body(journalReplyRequestSchema);
  if (body instanceof Reply) return body;
  const entryId = context.params['entryId']!;
  const replyId = newId();
  const added = await context.store.addJournalReply({
    id: replyId,
    entryId,
    familyId: allowed.family.id,
    staffId: allowed.staff.id,
    text: body.text,
    writtenAt: context.now,
  });
  if (!added) return notFound('There is no journal entry with that link.');
  await context.audit.record({
    actorKind: 'staff',
    actorId: allowed.staff.id,
    action: 'journal.replied',
    familyId: allowed.family.id,
    detail: { entry: entryId, reply: replyId },
  });
  return created({
    entry: (await journalOf(context.store, allowed.family.id)).find((each) => each.id === entryId),
  });
}

/**
 * GET /api/meetings/:id/journal: the journal since the last meeting, for the agenda's journal
 * step on the chair's and the projector's screens (staff with access) [PASS11].
 */
async function meetingJournal(context: ApiContext): Promise<Reply> {
  const allowed = await context.meetingOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const { meeting } = allowed;
  return ok(await journalSinceLastMeeting(context.store, meeting.familyId, meeting.id, context.now));
}

export const passRoutes = [
  route('POST', '/api/pass/open', openPass),
  route('GET', '/api/pass', showPass),
  route('GET', '/api/pass/journal', holderJournal),
  route('POST', '/api/pass/journal', writeEntry, { maxBodyBytes: journalEntryBodyBytes }),
  route('GET', '/api/pass/journal/:entryId/photo', holderPhoto),
  route('GET', '/api/pass/live', passLive),
  route('GET', '/api/families/:id/passes', listPasses),
  route('POST', '/api/families/:id/passes', issuePass),
  route('POST', '/api/families/:id/passes/:passId/revoke', revokePass),
  route('POST', '/api/families/:id/passes/:passId/reissue', reissuePass),
  route('GET', '/api/families/:id/journal', staffJournal),
  route('POST', '/api/families/:id/journal/:entryId/read', markRead),
  route('POST', '/api/families/:id/journal/:entryId/replies', reply),
  route('GET', '/api/meetings/:id/journal', meetingJournal),
  route('GET', '/api/families/:id/journal/:entryId/photo', staffPhoto),
];
