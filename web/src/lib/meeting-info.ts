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
  documents: { map: string; frame: string };
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
    if (!response.ok) return fallback;
    const status = (await response.json()) as Partial<JoinStatus>;
    if (status.meetingId !== meetingId) return fallback;
    if (status.status === 'left') return 'finished';
    if (status.status === 'refused') return 'refused';
    if (status.status === 'waiting') return 'waiting';
    return fallback;
  } catch {
    return fallback;
  }
}

export async function loadMeeting(
  id: string,
  fetch: typeof globalThis.fetch,
  screen: 'chair' | 'projector' | 'phone' = 'chair',
): Promise<MeetingLoad> {
  try {
    const response = await fetch(`/api/meetings/${encodeURIComponent(id)}`);
    if (response.status === 404) return { state: 'notFound' };
    if (response.status === 401 || response.status === 403) {
      const fallback = response.status === 401 ? 'signIn' : 'forbidden';
      return { state: screen === 'phone' ? await guestProblem(id, fetch, fallback) : fallback };
    }
    const body: unknown = await response.json();
    return response.ok && isMeetingInfo(body) ? { state: 'ready', info: body } : { state: 'failed' };
  } catch {
    return { state: 'failed' };
  }
}
