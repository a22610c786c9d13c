/** What GET /api/meetings/:id says about a meeting, and the load every meeting screen shares. */
export interface MeetingInfo {
  meeting: { id: string; title: string; date: string; state: string };
  family: { id: string; name: string } | null;
  documents: { map: string; frame: string };
}

export type MeetingLoad = { state: 'ready'; info: MeetingInfo } | { state: 'notFound' } | { state: 'failed' };

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

export async function loadMeeting(id: string, fetch: typeof globalThis.fetch): Promise<MeetingLoad> {
  try {
    const response = await fetch(`/api/meetings/${encodeURIComponent(id)}`);
    if (response.status === 404) return { state: 'notFound' };
    const body: unknown = await response.json();
    return response.ok && isMeetingInfo(body) ? { state: 'ready', info: body } : { state: 'failed' };
  } catch {
    return { state: 'failed' };
  }
}
