import * as z from 'zod/mini';

/**
 * zod/mini carries no wording of its own (so the phone's bundle stays small [LANG14]); the server
 * words refusals from zod's issues ("Check email: Too big: ..."), so it loads zod's English once.
 * Imported for its effect by every module that turns an issue into a sentence.
 */
z.config(z.locales.en());
