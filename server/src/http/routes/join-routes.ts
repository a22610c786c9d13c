import { joinRequestSchema } from '@kinboard/shared/access/join';
import { isJoinCode, normaliseJoinCode } from '@kinboard/shared/access/join-code';
import { z } from 'zod';
import { freeWrongJoinCodes } from '../../access/access.ts';
import { issueGuestPass } from '../../access/guest-passes.ts';
import type { Participant } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { created, notFound, ok, Reply, tooMany } from '../reply.ts';
import { route } from '../router.ts';

const joinAnswer = (participant: Participant) => ({
  participantId: participant.id,
  meetingId: participant.meetingId,
  status: participant.status,
  role: participant.role ?? null,
});

/**
 * POST /api/join: a phone with the code, a name and how they know the child waits in the lobby
 * [ACCESS6]. Only wrong codes count, per address and (past an address's free ones) across all
 * addresses; an address over its count is paced, a try every few seconds, rather than locked
 * out, and a right code, once tried, is never counted. A phone that already holds a pass for
 * this meeting gets its own place back, admitted or not, instead of a second place in the lobby.
 */
async function join(context: ApiContext): Promise<Reply> {
  const { store, audit } = context;
  const { joinGuessesPerAddress, joinGuessesEverywhere, joinsPerCode } = context.deps.access.limits;
  const address = context.address;
  const body = context.body(joinRequestSchema);
  if (body instanceof Reply) return body;

  // The try is counted before the code is looked at, so tries sent at once cannot slip past.
  const fromAddress = await joinGuessesPerAddress.take(context.addressKey, context.now);
  if (fromAddress.wait > 0) return slowDown(fromAddress.wait);
  const paced = fromAddress.before >= freeWrongJoinCodes;
  const everywhere = paced ? await joinGuessesEverywhere.take('all', context.now) : undefined;
  if (everywhere && everywhere.wait > 0) {
    await fromAddress.refund();
    return slowDown(everywhere.wait);
  }

  const meeting = await store.findMeetingByJoinCode(body.code);
  if (!meeting) {
    if (fromAddress.before + 1 === freeWrongJoinCodes)
      await audit.record({
        actorKind: 'system',
        action: 'join.guessing-limited',
        detail: { wrongCodes: freeWrongJoinCodes },
        personal: { address },
      });
    return notFound('That code does not match a meeting that is open. Check it with the chair.');
  }
  await fromAddress.refund();
  await everywhere?.refund();

  const held = await context.deps.access.guestOf(context.request.headers);
  if (held && held.meetingId === meeting.id && held.status !== 'left') {
    await audit.record({
      actorKind: 'participant',
      actorId: held.id,
      action: 'participant.rejoined',
      familyId: meeting.familyId,
      meetingId: meeting.id,
      detail: { status: held.status },
    });
    return ok(joinAnswer(held));
  }

  const lobbyPlace = await joinsPerCode.take(body.code, context.now);
  if (lobbyPlace.wait > 0)
    return tooMany(lobbyPlace.wait, 'Too many people are joining with this code at once. Ask the chair.');
  const pass = issueGuestPass(context.secure);
  const participant: Participant = {
    id: pass.participantId,
    meetingId: meeting.id,
    name: body.name,
    relationship: body.relationship,
    status: 'waiting',
    passHash: pass.passHash,
    createdAt: context.now,
  };
  await store.addParticipant(participant);
  await audit.record({
    actorKind: 'participant',
    actorId: participant.id,
    action: 'participant.joined',
    familyId: meeting.familyId,
    meetingId: meeting.id,
    // By id in clear [AUDIT5]; the name and relationship they gave only sealed under the
    // family's key, which erasure destroys [AUDIT6].
    personal: { name: participant.name, relationship: participant.relationship },
  });
  // The chair's lobby hears of them at once (lobby:changed).
  context.deps.access.events.emit('participant-changed', {
    meetingId: meeting.id,
    participantId: participant.id,
    status: 'waiting',
  });
  return created(joinAnswer(participant)).withCookie(pass.setCookie);
}

/** The phone's join page waits out `Retry-After` and tries again by itself. */
const slowDown = (wait: number) =>
  tooMany(
    wait,
    'Many codes that did not work came from this network, so codes are checked slowly for a while.',
  );

/**
 * GET /api/join/status: the phone polls this while it waits in the lobby. A browser with no
 * pass gets 200 and `null`: asking is how a join page learns it has none, which is no error, so
 * a first visit logs no failed request [FIRST6].
 */
async function joinStatus(context: ApiContext): Promise<Reply> {
  const guest = await context.deps.access.guestOf(context.request.headers);
  if (!guest) return ok(null);
  const meeting = await context.store.getMeeting(guest.meetingId);
  if (!meeting) return notFound('That meeting is gone.');
  return ok(joinAnswer(guest));
}

/** The join page a form's answer goes back to: with the code when it could be one. */
function joinPage(code: unknown, query: Record<string, string> = {}): string {
  const typed = typeof code === 'string' ? normaliseJoinCode(code) : '';
  const search = new URLSearchParams(query).toString();
  return `${isJoinCode(typed) ? `/join/${typed}` : '/join'}${search ? `?${search}` : ''}`;
}

const seeOther = (location: string, headers: Record<string, string | string[]> = {}) =>
  new Reply(303, undefined, { ...headers, location, 'cache-control': 'no-store' });

const formCodeSchema = z.object({ code: z.string().max(32).optional() }).catch({});

/** The problems a join page words itself, by the field a 400 names [LANG17]. */
const fieldProblems: Record<string, string> = {
  code: 'codeBad',
  name: 'nameMissing',
  relationship: 'relationshipMissing',
};

/**
 * POST /api/join/form: the same asking as POST /api/join, every check and limit included, from
 * the join page's plain HTML form, which works before the page's script has come on a slow phone
 * and without script at all [LANG17]. The answer is a redirect: to the lobby's page (the pass's
 * cookie set), to the board when this phone was let in already, or back to the form naming the
 * problem (a key the page words in the phone's language; nothing the person typed in the address).
 */
async function joinByForm(context: ApiContext): Promise<Reply> {
  const form = context.body(formCodeSchema);
  const code = form instanceof Reply ? undefined : form.code;
  const answer = await join(context);
  const body = answer.body as {
    meetingId?: string;
    status?: string;
    field?: string;
    retryAfterSeconds?: number;
  };
  if (answer.status === 200 || answer.status === 201) {
    const cookie = answer.headers['set-cookie'];
    const headers: Record<string, string | string[]> = cookie === undefined ? {} : { 'set-cookie': cookie };
    if (body.status === 'admitted')
      return seeOther(`/phone/${encodeURIComponent(body.meetingId ?? '')}`, headers);
    return seeOther(
      joinPage(code, { step: body.status === 'left' ? 'finished' : (body.status ?? 'waiting') }),
      headers,
    );
  }
  if (answer.status === 404) return seeOther(joinPage(code, { problem: 'codeNotFound' }));
  if (answer.status === 429) return seeOther(joinPage(code, { wait: String(body.retryAfterSeconds ?? 1) }));
  return seeOther(joinPage(code, { problem: fieldProblems[body.field ?? ''] ?? 'codeBad' }));
}

/**
 * GET /api/join/continue?code=: where a waiting page without script refreshes to [LANG17]: the
 * board once the chair let this phone in, else the join page at the phone's step.
 */
async function joinContinue(context: ApiContext): Promise<Reply> {
  const code = context.url.searchParams.get('code') ?? '';
  const guest = await context.deps.access.guestOf(context.request.headers);
  if (!guest) return seeOther(joinPage(code));
  if (guest.status === 'admitted') return seeOther(`/phone/${encodeURIComponent(guest.meetingId)}`);
  const step = guest.status === 'left' ? 'finished' : guest.status;
  return seeOther(joinPage(code, { step }));
}

export const joinRoutes = [
  route('POST', '/api/join', join),
  route('GET', '/api/join/status', joinStatus),
  route('POST', '/api/join/form', joinByForm, { acceptsForm: true }),
  route('GET', '/api/join/continue', joinContinue),
];
