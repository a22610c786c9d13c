import { setupRequestSchema, signInRequestSchema } from '@kinboard/shared/access/staff';
import { hashPassword, verifyAgainstNobody, verifyPassword } from '../../access/passwords.ts';
import { hashSecret, newId } from '../../access/secrets.ts';
import type { ApiContext } from '../api-context.ts';
import { conflict, created, forbidden, ok, Reply, signInNeeded, tooMany } from '../reply.ts';
import { route } from '../router.ts';
import { staffView } from '../views.ts';

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** POST /api/setup: the first administrator, with the token the server printed [ACCESS2]. */
async function setUp(context: ApiContext): Promise<Reply> {
  const { store, audit } = context;
  const limiter = context.deps.access.limits.setupPerAddress;
  const wait = await limiter.retryAfter(context.addressKey, context.now);
  if (wait > 0) return tooMany(wait, `Too many tries. Wait ${minutes(wait)} minutes.`);
  const body = context.body(setupRequestSchema);
  if (body instanceof Reply) return body;
  if ((await store.countStaff()) > 0)
    return conflict('Kinboard already has an administrator. Sign in instead.');
  const staff = {
    id: newId(),
    email: body.email,
    name: body.name,
    role: 'admin' as const,
    passwordHash: await hashPassword(body.password),
    createdAt: context.now,
    disabled: false,
  };
  if (
    !(await store.createFirstAdministrator(staff, { tokenHash: hashSecret(body.token), now: context.now }))
  ) {
    await limiter.record(context.addressKey, context.now);
    return forbidden('This setup link is not valid. Restart the server for a new one.');
  }
  await audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'setup.first-admin',
    detail: { via: 'setup-link' },
  });
  const cookie = await context.deps.access.sessions.start(staff.id, context.now, context.secure);
  return created({ staff: staffView(staff) }).withCookie(cookie);
}

/**
 * POST /api/session. One answer for an unknown email, a wrong password and a disabled account,
 * in the same time (a decoy hash), so nothing tells whether an email has an account [ACCESS3].
 */
async function signIn(context: ApiContext): Promise<Reply> {
  const { store, audit } = context;
  const { signInPerEmail, signInPerAddress } = context.deps.access.limits;
  const body = context.body(signInRequestSchema);
  if (body instanceof Reply) return body;
  const address = context.address;
  const wait = Math.max(
    await signInPerEmail.retryAfter(body.email, context.now),
    await signInPerAddress.retryAfter(context.addressKey, context.now),
  );
  if (wait > 0)
    return tooMany(
      wait,
      `Too many failed sign-ins. Try again in ${minutes(wait)} minutes, or ask an administrator.`,
    );

  const staff = await store.findStaffByEmail(body.email);
  const matches = staff
    ? await verifyPassword(staff.passwordHash, body.password)
    : await verifyAgainstNobody(body.password);
  if (!staff || !matches || staff.disabled) {
    const locked = Math.max(
      await signInPerEmail.record(body.email, context.now),
      await signInPerAddress.record(context.addressKey, context.now),
    );
    const actor = staff
      ? { actorKind: 'staff' as const, actorId: staff.id }
      : { actorKind: 'system' as const };
    await audit.record({ ...actor, action: 'staff.sign-in-failed', detail: { email: body.email, address } });
    if (locked > 0)
      await audit.record({
        ...actor,
        action: 'staff.sign-in-locked',
        detail: { email: body.email, address, lockedForMs: locked },
      });
    return signInNeeded('That email and password do not match an account.');
  }
  await signInPerEmail.reset(body.email);
  const cookie = await context.deps.access.sessions.start(staff.id, context.now, context.secure);
  await audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'staff.signed-in',
    detail: { address },
  });
  return ok({ staff: staffView(staff) }).withCookie(cookie);
}

/** DELETE /api/session: ends this browser's session and clears its cookie. */
async function signOut(context: ApiContext): Promise<Reply> {
  const staff = await context.deps.access.staffOf(context.request.headers);
  const cookie = await context.deps.access.sessions.end(context.request.headers, context.secure);
  if (staff)
    await context.audit.record({ actorKind: 'staff', actorId: staff.id, action: 'staff.signed-out' });
  return ok({ signedIn: false }).withCookie(cookie);
}

/** GET /api/session: who is signed in on this browser. */
async function whoAmI(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  return staff instanceof Reply ? staff : ok({ staff: staffView(staff) });
}

export const sessionRoutes = [
  route('POST', '/api/setup', setUp),
  route('POST', '/api/session', signIn),
  route('DELETE', '/api/session', signOut),
  route('GET', '/api/session', whoAmI),
];
