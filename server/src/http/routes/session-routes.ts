import {
  passwordChangeRequestSchema,
  setupRequestSchema,
  signInRequestSchema,
} from '@kinboard/shared/access/staff';
import { takeAll, type AttemptLimiter } from '../../access/attempt-limiter.ts';
import { deviceCookieFor, trustedDevice } from '../../access/device-cookies.ts';
import { hashPassword, verifyAgainstNobody, verifyPassword } from '../../access/passwords.ts';
import { hashSecret, newId } from '../../access/secrets.ts';
import type { ApiContext } from '../api-context.ts';
import { conflict, created, forbidden, ok, Reply, signInNeeded, tooMany } from '../reply.ts';
import { route } from '../router.ts';
import { staffView } from '../views.ts';

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** POST /api/setup: the first administrator, with the token the server printed [ACCESS2]. */
async function setUp(context: ApiContext): Promise<Reply> {
  const { store, audit } = context;
  if (!passwordsOn(context)) return passwordsOff();
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
 * Failures slow down, never lock: a browser the account signed in on before (its device
 * cookie) is counted by itself; any other by address and email together, by email and by
 * address. Only failures are counted.
 */
async function signIn(context: ApiContext): Promise<Reply> {
  const { store, audit } = context;
  if (!passwordsOn(context)) return passwordsOff();
  const limits = context.deps.access.limits;
  const body = context.body(signInRequestSchema);
  if (body instanceof Reply) return body;
  const address = context.address;
  const staff = await store.findStaffByEmail(body.email);
  const device = trustedDevice(context.request.headers, staff);
  const counts: [AttemptLimiter, string][] = device
    ? [[limits.signInPerDevice, device]]
    : [
        [limits.signInPerAddressAndEmail, `${context.addressKey} ${body.email}`],
        [limits.signInPerEmail, body.email],
        [limits.signInPerAddress, context.addressKey],
      ];
  const attempt = await takeAll(counts, context.now);
  if (attempt.wait > 0)
    return tooMany(attempt.wait, `Too many failed sign-ins. Try again in ${seconds(attempt.wait)} seconds.`);

  const matches = staff
    ? await verifyPassword(staff.passwordHash, body.password)
    : await verifyAgainstNobody(body.password);
  if (!staff || !matches || staff.disabled) {
    const slowedForMs = Math.max(
      ...(await Promise.all(counts.map(([limiter, key]) => limiter.retryAfter(key, context.now)))),
    );
    const actor = staff
      ? { actorKind: 'staff' as const, actorId: staff.id }
      : { actorKind: 'system' as const };
    await audit.record({
      ...actor,
      action: 'staff.sign-in-failed',
      detail: { knownBrowser: device !== undefined, slowedForMs },
      personal: { email: body.email, address },
    });
    return signInNeeded('That email and password do not match an account.');
  }
  await attempt.refund();
  // Forgets this browser's (or this address's, for this email) failures; the email's from
  // elsewhere stay, so a guesser is not let off by the worker's success.
  const [ownLimiter, ownKey] = counts[0]!;
  await ownLimiter.reset(ownKey);
  const cookie = await context.deps.access.sessions.start(staff.id, context.now, context.secure);
  await audit.record({
    actorKind: 'staff',
    actorId: staff.id,
    action: 'staff.signed-in',
    personal: { address },
  });
  return ok({ staff: staffView(staff) })
    .withCookie(cookie)
    .withCookie(deviceCookieFor(staff, context.secure));
}

/**
 * DELETE /api/session: ends this browser's session and clears its cookie; the board and
 * socket.io connections resting on that session close too [IDENT6].
 */
async function signOut(context: ApiContext): Promise<Reply> {
  const { access } = context.deps;
  const staff = await access.staffOf(context.request.headers);
  const sessionId = access.sessions.idOf(context.request.headers);
  const cookie = await access.sessions.end(context.request.headers, context.secure);
  if (staff && sessionId) {
    // Every connection this browser opened on the session closes, on every server [ACCESS22].
    access.events.emit('session-ended', { staffId: staff.id, sessionId });
    await context.audit.record({ actorKind: 'staff', actorId: staff.id, action: 'staff.signed-out' });
  }
  return ok({ signedIn: false }).withCookie(cookie);
}

/**
 * POST /api/session/password: a staff member changes their own password, giving the current
 * one. Every other session of the account ends, and its connections close [ACCESS22, ACCESS25];
 * this browser stays signed in.
 */
async function changePassword(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  if (staff instanceof Reply) return staff;
  const body = context.body(passwordChangeRequestSchema);
  if (body instanceof Reply) return body;
  if (!(await verifyPassword(staff.passwordHash, body.currentPassword)))
    return forbidden('Your current password is not right.');
  const { access } = context.deps;
  const keep = access.sessions.idOf(context.request.headers);
  await context.store.setStaffPassword(staff.id, await hashPassword(body.newPassword), keep);
  access.events.emit('staff-access-ended', {
    staffId: staff.id,
    why: 'password-changed',
    exceptSessionId: keep,
  });
  await context.audit.record({ actorKind: 'staff', actorId: staff.id, action: 'staff.password-changed' });
  return ok({ staff: staffView(staff) });
}

/** GET /api/session: who is signed in on this browser. */
async function whoAmI(context: ApiContext): Promise<Reply> {
  const staff = await context.staff();
  return staff instanceof Reply ? staff : ok({ staff: staffView(staff) });
}

const passwordsOn = (context: ApiContext) => context.deps.signInChoices?.passwords ?? true;
const passwordsOff = () =>
  forbidden('Sign-in with a password is turned off here. Use your organisation’s sign-in instead.');

/** GET /api/session/choices: how staff sign in here, for the sign-in page [IDENT7]. */
async function signInChoices(context: ApiContext): Promise<Reply> {
  const choices = context.deps.signInChoices;
  return ok({ passwords: choices?.passwords ?? true, provider: choices?.provider ?? null });
}

export const sessionRoutes = [
  route('GET', '/api/session/choices', signInChoices),
  route('POST', '/api/setup', setUp),
  route('POST', '/api/session', signIn),
  route('DELETE', '/api/session', signOut),
  route('POST', '/api/session/password', changePassword),
  route('GET', '/api/session', whoAmI),
];
