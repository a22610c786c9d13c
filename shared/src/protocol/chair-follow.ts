import { z } from 'zod';

/** "Follow me" on: screens show the chair's column. Off: people browse on their own. */
export const chairFollowSchema = z.object({ follow: z.boolean() }).strict();
export type ChairFollow = z.infer<typeof chairFollowSchema>;
