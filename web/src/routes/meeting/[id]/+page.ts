import type { PageLoad } from './$types';

// The board lives in the browser: it needs a live socket, and nothing of it is rendered on the server.
export const ssr = false;

export interface MeetingInfo {
  meeting: { id: string; title: string; date: string; state: string };
  family: { id: string; name: string } | null;
  documents: { map: string };
}

export type MeetingLoad = { state: 'ready'; info: MeetingInfo } | { state: 'notFound' } | { state: 'failed' };

function isMeetingInfo(body: unknown): body is MeetingInfo {
  const info = body as Partial<MeetingInfo> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    typeof info.meeting?.id === 'string' &&
    typeof info.documents?.map === 'string'
  );
}

export const load: PageLoad = async ({ params, fetch }): Promise<MeetingLoad> => {
  try {
    const response = await fetch(`/api/meetings/${encodeURIComponent(params.id)}`);
    if (response.status === 404) return { state: 'notFound' };
    const body: unknown = await response.json();
    return response.ok && isMeetingInfo(body) ? { state: 'ready', info: body } : { state: 'failed' };
  } catch {
    return { state: 'failed' };
  }
};
