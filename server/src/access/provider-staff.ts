import type { AuditLog } from '../audit/audit-log.ts';
import type { Staff, Store } from '../store/store.ts';
import type { ProviderPerson, ProviderRefusal } from './oidc-sign-in.ts';
import { hashPassword } from './passwords.ts';
import { newId, newSecret } from './secrets.ts';

/**
 * The Kinboard account a person the provider signed in (and the administrator allows) is
 * [IDENT3]: the one linked to their (issuer, subject); else, once, an existing account with the
 * same provider-verified email, linked from then on; else a new account. A new account is an
 * administrator only as the first account of all, with the verified email ADMIN_EMAIL names
 * [IDENT9]; any other is staff and sees no family until someone gives it access [IDENT4].
 */
export async function staffForPerson(
  deps: { store: Store; audit: AuditLog; adminEmail: string | undefined },
  person: ProviderPerson,
  now: number,
): Promise<Staff | ProviderRefusal> {
  const { store, audit } = deps;
  const known = await store.findStaffByIdentity(person.issuer, person.subject);
  if (known) return known.disabled ? 'disabled' : known;
  const email = person.verifiedEmail;
  // An account needs an email, which only a verifying provider vouches for.
  if (!email) return 'no-email';
  const identity = { issuer: person.issuer, subject: person.subject, createdAt: now };
  const sameEmail = await store.findStaffByEmail(email);
  if (sameEmail) {
    if (sameEmail.disabled) return 'disabled';
    // The account already answers to another subject at this provider: someone else's.
    if (!(await store.linkStaffIdentity({ ...identity, staffId: sameEmail.id }))) return 'email-taken';
    await audit.record({
      actorKind: 'staff',
      actorId: sameEmail.id,
      action: 'staff.identity-linked',
      detail: { issuer: person.issuer },
    });
    return sameEmail;
  }
  const staff: Staff = {
    id: newId(),
    email,
    name: person.name ?? email,
    role: 'staff',
    // Nobody knows this password: the account signs in through the provider only.
    passwordHash: await hashPassword(newSecret()),
    createdAt: now,
    disabled: false,
  };
  const first = deps.adminEmail === email && (await store.countStaff()) === 0;
  if (first) {
    if (!(await store.createFirstAdministrator({ ...staff, role: 'admin' }))) return 'failed';
    if (!(await store.linkStaffIdentity({ ...identity, staffId: staff.id }))) return 'failed';
    await audit.record({
      actorKind: 'staff',
      actorId: staff.id,
      action: 'setup.first-admin',
      detail: { via: 'provider', issuer: person.issuer },
    });
    return { ...staff, role: 'admin' };
  }
  if (!(await store.createStaffWithIdentity(staff, { ...identity, staffId: staff.id }))) return 'failed';
  await audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'staff.created',
    detail: { via: 'provider', issuer: person.issuer },
  });
  return staff;
}
