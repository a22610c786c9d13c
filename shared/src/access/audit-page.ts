import { z } from 'zod';

/** How many audit entries one answer carries at most [ACCESS32], and without `limit`. */
export const maxAuditPageSize = 500;
export const defaultAuditPageSize = 100;

const cursor = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The query of `GET /api/families/:id/audit` (`after`: the `next` of the page before, oldest
 * first) and `GET /api/audit` (`before`: the `next` of the page before, newest first).
 */
export const auditPageQuerySchema = z
  .object({
    after: cursor.optional(),
    before: cursor.optional(),
    limit: z.coerce.number().int().min(1).max(maxAuditPageSize).default(defaultAuditPageSize),
  })
  .strict();
export type AuditPageQuery = z.infer<typeof auditPageQuerySchema>;
