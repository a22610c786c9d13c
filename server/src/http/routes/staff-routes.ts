import { accessGrantRequestSchema } from '@kinboard/shared/access/family';
import { newStaffRequestSchema, staffChangeRequestSchema } from '@kinboard/shared/access/staff';
import { hashPassword } from '../../access/passwords.ts';
import { newId } from '../../access/secrets.ts';
import type { ApiContext } from '../api-context.ts';
import { conflict, created, notFound, ok, Reply } from '../reply.ts';
import { route } from '../router.ts';
import { staffView } from '../views.ts';

/** GET /api/staff (administrators). */
async function listStaff(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  return ok({ staff: (await context.store.listStaff()).map(staffView) });
}

/** POST /api/staff (administrators). */
async function addStaff(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  const body = context.body(newStaffRequestSchema);
  if (body instanceof Reply) return body;
  const staff = {
    id: newId(),
    email: body.email,
    name: body.name,
    role: body.role,
    passwordHash: await hashPassword(body.password),
    createdAt: context.now,
    disabled: false,
  };
  if (!(await context.store.createStaff(staff)))
    return conflict('There is already an account with that email.');
  await context.audit.record({
    actorKind: 'staff',
    actorId: admin.id,
    action: 'staff.created',
    detail: { staffId: staff.id, role: staff.role },
  });
  return created({ staff: staffView(staff) });
}

/**
 * PATCH /api/staff/:id (administrators): disable or enable, or change the role. Disabling, or
 * lowering the role, ends every session of the account and closes its open connections on every
 * server [ACCESS22, ACCESS25].
 */
async function changeStaff(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  const body = context.body(staffChangeRequestSchema);
  if (body instanceof Reply) return body;
  const staffId = context.params['id']!;
  if (staffId === admin.id && (body.disabled || body.role === 'staff'))
    return conflict('You cannot disable your own account or lower your own role.');
  const before = await context.store.getStaff(staffId);
  if (!before) return notFound('There is no staff account with that id.');
  let staff = before;
  const { events } = context.deps.access;
  if (body.role !== undefined && body.role !== before.role) {
    const lowered = body.role === 'staff';
    staff = (await context.store.setStaffRole(staffId, body.role, lowered)) ?? staff;
    // Connections close the moment the store holds the change [ACCESS22].
    if (lowered) events.emit('staff-access-ended', { staffId, why: 'role-lowered' });
    await context.audit.record({
      actorKind: 'staff',
      actorId: admin.id,
      action: 'staff.role-changed',
      detail: { staffId, role: body.role },
    });
  }
  if (body.disabled !== undefined && body.disabled !== before.disabled) {
    staff = (await context.store.setStaffDisabled(staffId, body.disabled)) ?? staff;
    if (body.disabled) events.emit('staff-access-ended', { staffId, why: 'disabled' });
    await context.audit.record({
      actorKind: 'staff',
      actorId: admin.id,
      action: body.disabled ? 'staff.disabled' : 'staff.enabled',
      detail: { staffId },
    });
  }
  return ok({ staff: staffView(staff) });
}

/** POST /api/families/:id/access (administrators): lets a staff member see a family. */
async function grantAccess(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  const body = context.body(accessGrantRequestSchema);
  if (body instanceof Reply) return body;
  const family = await context.store.getFamily(context.params['id']!);
  if (!family) return notFound('There is no family with that id.');
  const staff = await context.store.getStaff(body.staffId);
  if (!staff) return notFound('There is no staff account with that id.');
  if (staff.disabled) return conflict('That account is disabled. Enable it first.');
  await context.store.grantFamilyAccess(family.id, staff.id, context.now);
  await context.audit.record({
    actorKind: 'staff',
    actorId: admin.id,
    action: 'family.access-granted',
    familyId: family.id,
    detail: { staffId: staff.id },
  });
  return ok({ familyId: family.id, staffId: staff.id });
}

/**
 * DELETE /api/families/:id/access/:staffId (administrators): the staff member no longer sees the
 * family; their open connections to its meetings close on every server [ACCESS22, ACCESS25].
 */
async function removeAccess(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  const familyId = context.params['id']!;
  const staffId = context.params['staffId']!;
  if (!(await context.store.revokeFamilyAccess(familyId, staffId)))
    return notFound('That staff member has no access to that family.');
  context.deps.access.events.emit('family-access-removed', { staffId, familyId });
  await context.audit.record({
    actorKind: 'staff',
    actorId: admin.id,
    action: 'family.access-removed',
    familyId,
    detail: { staffId },
  });
  return ok({ familyId, staffId });
}

/** GET /api/audit (administrators): the entries about no family, newest first. */
async function serviceAudit(context: ApiContext): Promise<Reply> {
  const admin = await context.admin();
  if (admin instanceof Reply) return admin;
  return ok({ entries: await context.audit.ofService() });
}

export const staffRoutes = [
  route('GET', '/api/audit', serviceAudit),
  route('GET', '/api/staff', listStaff),
  route('POST', '/api/staff', addStaff),
  route('PATCH', '/api/staff/:id', changeStaff),
  route('POST', '/api/families/:id/access', grantAccess),
  route('DELETE', '/api/families/:id/access/:staffId', removeAccess),
];
