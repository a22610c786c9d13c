import * as z from 'zod/mini';

/** "Follow me" on: screens show the chair's column. Off: people browse on their own. */
export const chairFollowSchema = z.strictObject({ follow: z.boolean() });
export type ChairFollow = z.infer<typeof chairFollowSchema>;
