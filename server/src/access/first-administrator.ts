import type { Store } from '../store/store.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { hashPassword } from './passwords.ts';
import { hashSecret, newId, newSecret } from './secrets.ts';

/** A printed setup link is good for a day; a restart before it is used prints a new one. */
const setupTokenLifetimeMs = 24 * 3_600_000;

export type FirstAdministrator =
  | { state: 'exists' }
  | { state: 'created-from-environment'; email: string }
  /** Nobody can sign in yet: print this one-time token as a link. */
  | { state: 'awaiting-setup'; token: string };

/**
 * On a start with no staff account, makes the way in for the first administrator: from
 * ADMIN_EMAIL / ADMIN_PASSWORD, or a one-time setup token to print. There is never a default
 * password. Once any staff account exists this does nothing, whatever the environment says.
 */
export async function prepareFirstAdministrator(
  store: Store,
  audit: AuditLog,
  fromEnvironment: { email: string; password: string; name: string } | undefined,
  now = Date.now(),
): Promise<FirstAdministrator> {
  if ((await store.countStaff()) > 0) return { state: 'exists' };
  if (fromEnvironment) {
    const id = newId();
    const created = await store.createFirstAdministrator({
      id,
      email: fromEnvironment.email,
      name: fromEnvironment.name,
      role: 'admin',
      passwordHash: await hashPassword(fromEnvironment.password),
      createdAt: now,
      disabled: false,
    });
    if (created) {
      await audit.record({
        actorKind: 'system',
        action: 'setup.first-admin',
        detail: { staffId: id, via: 'environment' },
      });
      return { state: 'created-from-environment', email: fromEnvironment.email };
    }
    return { state: 'exists' };
  }
  const token = newSecret();
  await store.replaceSetupToken(hashSecret(token), now, now + setupTokenLifetimeMs);
  return { state: 'awaiting-setup', token };
}
