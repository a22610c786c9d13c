import { documentParts, formatDocumentName, meetingIdSchema } from '@kinboard/shared';
import { roleRequestSchema } from '@kinboard/shared/access/join';
import type { MeetingAuthors } from '@kinboard/shared/access/credit';
import { staffParticipantKey } from '@kinboard/shared/access/participant-key';
import { meetingCredits } from '../../access/authors.ts';
import { meetingAdmitsGuests } from '../../access/connection-identity.ts';
import { newJoinCode } from '../../access/join-codes.ts';
import type { Meeting } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { conflict, notFound, ok, Reply, signInNeeded } from '../reply.ts';
import { route } from '../router.ts';
import { meetingView, participantView } from '../views.ts';

const noMeeting = () => notFound('There is no meeting with that link.');

async function meetingBody(context: ApiContext, meeting: Meeting, audience: 'staff' | 'guest') {
  const family = await context.store.getFamily(meeting.familyId);
  return {
    meeting: meetingView(meeting, audience),
    family: family ? { id: family.id, name: family.name } : null,
    documents: Object.fromEntries(
      documentParts.map((part) => [part, formatDocumentName({ meetingId: meeting.id, part })]),
    ),
  };
}

/**
 * Who may see a meeting: staff with access to the family, or an admitted guest of this meeting
 * while it runs [ACCESS8]. Without credentials the answer is 401 before the meeting is looked
 * up. With REQUIRE_SIGN_IN=false (loopback only [ACCESS18]) anyone gets the meeting, without its code.
 */
async function meetingOfViewer(
  context: ApiContext,
): Promise<{ meeting: Meeting; audience: 'staff' | 'guest'; viewerKey?: string } | Reply> {
  const { access } = context.deps;
  const staff = await access.staffOf(context.request.headers);
  const guest = staff ? undefined : await access.guestOf(context.request.headers);
  const strict = context.deps.requireSignIn;
  if (strict && !staff && !guest) return signInNeeded('Join the meeting with its code, or sign in.');
  const id = meetingIdSchema.safeParse(context.params['id']);
  const meeting = id.success ? await context.store.getMeeting(id.data) : undefined;
  if (!meeting) return noMeeting();
  if (staff && (await context.store.hasFamilyAccess(staff.id, meeting.familyId)))
    return { meeting, audience: 'staff', viewerKey: staffParticipantKey(staff.id) };
  const admittedGuest =
    guest?.meetingId === meeting.id && guest.status === 'admitted' && meetingAdmitsGuests(meeting);
  if (admittedGuest || !strict) return { meeting, audience: 'guest' };
  // A guest pass not (or no longer) let in, or staff without access: as a missing meeting [ACCESS28].
  return noMeeting();
}

/** GET /api/meetings/:id. */
async function showMeeting(context: ApiContext): Promise<Reply> {
  const allowed = await meetingOfViewer(context);
  if (allowed instanceof Reply) return allowed;
  return ok(await meetingBody(context, allowed.meeting, allowed.audience));
}

/**
 * GET /api/meetings/:id/authors: everyone who may have written in the meeting, by the name and
 * relationship the server recorded, so every screen credits a card to its writer [FIRST3].
 */
async function showAuthors(context: ApiContext): Promise<Reply> {
  const allowed = await meetingOfViewer(context);
  if (allowed instanceof Reply) return allowed;
  const viewer = allowed.viewerKey ? [allowed.viewerKey] : [];
  const authors = await meetingCredits(context.store, allowed.meeting.id, viewer);
  return ok({ authors } satisfies MeetingAuthors);
}

/** POST /api/meetings/:id/open: the meeting gets its join code (kept if it already has one). */
async function openMeeting(context: ApiContext): Promise<Reply> {
  const allowed = await context.meetingOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  // Codes are random from 852 billion; a clash with another open meeting is rare, so retry.
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await context.store.openMeeting(allowed.meeting.id, newJoinCode());
    if (result.outcome === 'code-taken') continue;
    if (result.outcome === 'not-found') return noMeeting();
    if (result.outcome === 'closed')
      return conflict('This meeting has closed and its code is gone for good. Create a new meeting.');
    const { meeting } = result;
    if (allowed.meeting.joinCode !== meeting.joinCode)
      await context.audit.record({
        actorKind: 'staff',
        actorId: allowed.staff.id,
        action: 'meeting.opened',
        familyId: meeting.familyId,
        meetingId: meeting.id,
        // No join code [AUDIT5]: it lets people in, and it is the family's meeting's, not the log's.
      });
    return ok({
      meeting: meetingView(meeting, 'staff'),
      joinCode: meeting.joinCode,
      joinPath: `/join/${meeting.joinCode}`,
    });
  }
  throw new Error('five join codes in a row were taken: the random source is broken');
}

/** POST /api/meetings/:id/close: the code dies and every guest's access ends [ACCESS7]. */
async function closeMeeting(context: ApiContext): Promise<Reply> {
  const allowed = await context.meetingOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const wasClosed = allowed.meeting.state === 'closed';
  const meeting = await context.store.closeMeeting(allowed.meeting.id);
  if (!meeting) return noMeeting();
  if (!wasClosed) {
    // Connections close the moment the store holds the decision, before anything else [ACCESS22].
    context.deps.access.events.emit('meeting-closed', { meetingId: meeting.id });
    await context.audit.record({
      actorKind: 'staff',
      actorId: allowed.staff.id,
      action: 'meeting.closed',
      familyId: meeting.familyId,
      meetingId: meeting.id,
    });
  }
  return ok({ meeting: meetingView(meeting, 'staff') });
}

/** GET /api/meetings/:id/lobby: everyone who joined, waiting or not, for the chair. */
async function showLobby(context: ApiContext): Promise<Reply> {
  const allowed = await context.meetingOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  const participants = await context.store.listParticipants(allowed.meeting.id);
  return ok({ meetingId: allowed.meeting.id, participants: participants.map(participantView) });
}

type LobbyAction = 'admit' | 'refuse' | 'role';

/** The lobby's three decisions, each on a guest of this meeting while it runs. */
function decide(action: LobbyAction) {
  return async (context: ApiContext): Promise<Reply> => {
    const allowed = await context.meetingOfStaff(context.params['id']!);
    if (allowed instanceof Reply) return allowed;
    const { staff, meeting } = allowed;
    const before = await context.store.getParticipant(context.params['pid']!);
    if (!before || before.meetingId !== meeting.id)
      return notFound('There is nobody with that link in this lobby.');
    if (!meetingAdmitsGuests(meeting)) return conflict('The meeting is not open.');
    let after;
    if (action === 'refuse') after = await context.store.refuseParticipant(before.id, staff.id, context.now);
    else {
      const body = context.body(roleRequestSchema);
      if (body instanceof Reply) return body;
      after =
        action === 'admit'
          ? await context.store.admitParticipant(before.id, body.role, staff.id, context.now)
          : await context.store.changeParticipantRole(before.id, body.role);
    }
    if (!after)
      return conflict(
        action === 'role'
          ? 'Only someone who was let in has a role.'
          : `They are ${before.status}; nothing changed.`,
      );
    // Connections of a guest turned away close before anything else is done [ACCESS22].
    context.deps.access.events.emit('participant-changed', {
      meetingId: meeting.id,
      participantId: after.id,
      status: after.status,
      role: after.role,
    });
    await context.audit.record({
      actorKind: 'staff',
      actorId: staff.id,
      action:
        action === 'admit'
          ? 'participant.admitted'
          : action === 'refuse'
            ? 'participant.refused'
            : 'participant.role-changed',
      familyId: meeting.familyId,
      meetingId: meeting.id,
      detail: {
        participantId: after.id,
        role: after.role,
        previousRole: action === 'role' ? before.role : undefined,
      },
    });
    return ok({ participant: participantView(after) });
  };
}

export const meetingRoutes = [
  route('GET', '/api/meetings/:id', showMeeting),
  route('GET', '/api/meetings/:id/authors', showAuthors),
  route('POST', '/api/meetings/:id/open', openMeeting),
  route('POST', '/api/meetings/:id/close', closeMeeting),
  route('GET', '/api/meetings/:id/lobby', showLobby),
  route('POST', '/api/meetings/:id/participants/:pid/admit', decide('admit')),
  route('POST', '/api/meetings/:id/participants/:pid/refuse', decide('refuse')),
  route('POST', '/api/meetings/:id/participants/:pid/role', decide('role')),
];
