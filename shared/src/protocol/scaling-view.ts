import * as z from 'zod/mini';

/** A screen that (re)entered the meeting asks for the round as it may see it now. */
export const scalingViewSchema = z.strictObject({});
