import { loadMeeting, type MeetingLoad } from '$lib/meeting-info.ts';
import type { PageLoad } from './$types';

// The board lives in the browser: it needs live sockets, and nothing of it is rendered on the server.
export const ssr = false;

export const load: PageLoad = ({ params, fetch }): Promise<MeetingLoad> =>
  loadMeeting(params.meeting, fetch, 'phone');
