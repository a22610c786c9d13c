import { z } from 'zod';
import { columnIds } from '../vocabulary/domains.ts';

/** The chair locks a column that has been agreed, or unlocks it. */
export const sectionLockSchema = z.object({ column: z.enum(columnIds), locked: z.boolean() }).strict();
export type SectionLock = z.infer<typeof sectionLockSchema>;
