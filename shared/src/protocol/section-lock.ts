import * as z from 'zod/mini';
import { columnIds } from '../vocabulary/domains.ts';

/** The chair locks a column that has been agreed, or unlocks it. */
export const sectionLockSchema = z.strictObject({ column: z.enum(columnIds), locked: z.boolean() });
export type SectionLock = z.infer<typeof sectionLockSchema>;
