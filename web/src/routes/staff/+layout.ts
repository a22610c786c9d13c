import { redirect } from '@sveltejs/kit';
import { currentStaff, type StaffAccount } from '$lib/access/api.ts';
import type { LayoutLoad } from './$types';

// Staff pages read the API with the browser's own session cookie; nothing is rendered on the server.
export const ssr = false;

export const load: LayoutLoad = async ({ fetch, url }): Promise<{ staff: StaffAccount | undefined }> => {
  const answer = await currentStaff(fetch);
  if (answer.ok) return { staff: answer.body.staff };
  if (answer.status === 401) redirect(307, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
  // No connection: the page says so rather than sending a signed-in person to sign in again.
  return { staff: undefined };
};
