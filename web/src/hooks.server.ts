import type { Handle } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server.js';

// Each request is answered in its own locale (Accept-Language, see project.inlang/
// paraglide.config.js): the middleware keeps it for the request's messages, and the page's
// <html lang> names it, so screen readers pronounce the page in the right language.
export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ locale }) =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) }),
  );
