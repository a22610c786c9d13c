import * as z from 'zod/mini';

/** How many audit entries one answer carries at most [ACCESS32], and without `limit`. */
export const maxAuditPageSize = 500;
export const defaultAuditPageSize = 100;

const cursor = z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/**
 * The query of `GET /api/families/:id/audit` (`after`: the `next` of the page before, oldest
 * first) and `GET /api/audit` (`before`: the `next` of the page before, newest first).
 */
export const auditPageQuerySchema = z.strictObject({
  after: z.optional(cursor),
  before: z.optional(cursor),
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(maxAuditPageSize)),
    defaultAuditPageSize,
  ),
});
export type AuditPageQuery = z.infer<typeof auditPageQuerySchema>;
