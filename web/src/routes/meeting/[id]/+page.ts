import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const ssr = false;

// The first board lived here; the chair console took its place. Old links keep working.
export const load: PageLoad = ({ params }) => {
  redirect(307, `/chair/${encodeURIComponent(params.id)}`);
};
