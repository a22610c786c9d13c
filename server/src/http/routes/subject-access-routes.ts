import { subjectAccessArchive } from '../../export/subject-access.ts';
import type { AuditEntry } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { fileReply, notFound, Reply } from '../reply.ts';
import { route } from '../router.ts';

/** A page of the family's audit, as large as a page may be [ACCESS32]. */
const auditPage = 500;

/**
 * GET /api/families/:id/subject-access: everything Kinboard holds about the family as one zip
 * [RECORD6], for staff given the family and for administrators (who answer subject access
 * requests for the service); anyone else is answered as for a missing family [ACCESS28]. The
 * download is audited as an export before it is sent [EXPORT2].
 */
async function subjectAccess(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  if (staff instanceof Reply) return staff;
  const family = await context.store.getFamily(context.params['id']!);
  if (!family || (staff.role !== 'admin' && !(await context.store.hasFamilyAccess(staff.id, family.id))))
    return notFound('There is no family with that link.');
  const body = await subjectAccessArchive(family, {
    store: context.store,
    renders: context.deps.renders,
    log: context.deps.log,
    now: context.now,
    audit: async (familyId) => {
      const entries: AuditEntry[] = [];
      for (;;) {
        const page = await context.audit.ofFamily(familyId, {
          after: entries.at(-1)?.id ?? 0,
          limit: auditPage,
        });
        entries.push(...page);
        if (page.length < auditPage) return entries;
      }
    },
  });
  await context.audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'family.exported',
    familyId: family.id,
    detail: { format: 'subject-access', bytes: body.byteLength },
  });
  const date = new Date(context.now).toISOString().slice(0, 10);
  return fileReply(body, 'application/zip', `kinboard-family-record-${date}.zip`);
}

export const subjectAccessRoutes = [route('GET', '/api/families/:id/subject-access', subjectAccess)];
