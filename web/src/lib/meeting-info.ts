import type { JoinStatus } from './access/api.ts';

/** What GET /api/meetings/:id says about a meeting, and the load every meeting screen shares. */
export interface MeetingInfo {
  meeting: {
    id: string;
    title: string;
    date: string;
    state: string;
    /** Staff only, while the meeting is open or agreed. */
    joinCode?: string | null;
  };
  family: { id: string; name: string } | null;
  documents: { map: string; frame: string; plan?: string };
  /**
   * Who this screen writes as, when it is signed in or let in: the key a card's `authorId`
   * carries (`staff:<id>` or `guest:<participantId>`) and the role the chair gave a guest.
   * Absent on a board anyone may open (REQUIRE_SIGN_IN=false without a sign-in).
   */
  writer?: Writer;
}

export interface Writer {
  key: string;
  kind: 'staff' | 'guest';
  role: string;
}

/**
 * Why a screen has no board: `signIn` (401, nobody recognised), `forbidden` (403, signed in or
 * joined, but not let in to this meeting), `waiting` / `refused` / `finished` (a phone's own
 * place in the lobby says so), `notFound`, or `failed` (no answer).
 */
export type MeetingProblemState =
  'signIn' | 'forbidden' | 'waiting' | 'refused' | 'finished' | 'notFound' | 'failed';

export type MeetingLoad = { state: 'ready'; info: MeetingInfo } | { state: MeetingProblemState };

function isMeetingInfo(body: unknown): body is MeetingInfo {
  const info = body as Partial<MeetingInfo> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    typeof info.meeting?.id === 'string' &&
    typeof info.documents?.map === 'string' &&
    typeof info.documents.frame === 'string'
  );
}

/** A phone that holds a guest pass learns from its own place in the lobby why it is not let in. */
async function guestProblem(
  meetingId: string,
  fetch: typeof globalThis.fetch,
  fallback: MeetingProblemState,
): Promise<MeetingProblemState> {
  try {
    const response = await fetch('/api/join/status');
    const status = (await response.json()) as Partial<JoinStatus> | null;
    if (!response.ok || !status) return fallback;
    if (status.meetingId !== meetingId) return fallback;
    if (status.status === 'left') return 'finished';
    if (status.status === 'refused') return 'refused';
    if (status.status === 'waiting') return 'waiting';
    return fallback;
  } catch {
    return fallback;
  }
}

/** Staff get the meeting with its join code field; a guest's own place says who they are. */
async function writerOf(info: MeetingInfo, fetch: typeof globalThis.fetch): Promise<Writer | undefined> {
  try {
    if (info.meeting.joinCode !== undefined) {
      const response = await fetch('/api/session');
      // Read every body, answered or refused: an unread one stays open in the browser.
      const { staff } = (await response.json()) as { staff?: { id?: unknown } };
      if (!response.ok) return undefined;
      return typeof staff?.id === 'string'
        ? { key: `staff:${staff.id}`, kind: 'staff', role: 'staff' }
        : undefined;
    }
    const response = await fetch('/api/join/status');
    const status = (await response.json()) as Partial<JoinStatus> | null;
    if (!response.ok || !status) return undefined;
    if (status.meetingId !== info.meeting.id || status.status !== 'admitted' || !status.participantId)
      return undefined;
    return { key: `guest:${status.participantId}`, kind: 'guest', role: status.role ?? 'observer' };
  } catch {
    return undefined;
  }
}

export async function loadMeeting(
  id: string,
  fetch: typeof globalThis.fetch,
  screen: 'chair' | 'projector' | 'phone' = 'chair',
): Promise<MeetingLoad> {
  try {
    const response = await fetch(`/api/meetings/${encodeURIComponent(id)}`);
    if (response.status === 404 || response.status === 401 || response.status === 403)
      await response.body?.cancel();
    // A meeting the screen may not see answers as a missing one (404) [ACCESS28]: a phone's own
    // place in the lobby says whether it is waiting, refused or done.
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      const fallback =
        response.status === 401 ? 'signIn' : response.status === 404 ? 'notFound' : 'forbidden';
      return { state: screen === 'phone' ? await guestProblem(id, fetch, fallback) : fallback };
    }
    const body: unknown = await response.json();
    if (!response.ok || !isMeetingInfo(body)) return { state: 'failed' };
    const writer = await writerOf(body, fetch);
    return { state: 'ready', info: writer ? { ...body, writer } : body };
  } catch {
    return { state: 'failed' };
  }
}
