import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import type { Access } from '../access/access.ts';
import { LogoutTokens } from '../access/backchannel-logout.ts';
import { clearCookieHeader, readCookie, setCookieHeader } from '../access/cookies.ts';
import type { OidcSignIn, PendingSignIn, ProviderRefusal } from '../access/oidc-sign-in.ts';
import { staffForPerson } from '../access/provider-staff.ts';
import { cameOverHttps } from '../access/request-origin.ts';
import type { Logger } from '../log.ts';

export const oidcPathPrefix = '/api/oidc/';
const pendingCookieName = 'kinboard_oidc';
/** A sign-in must come back from the provider within this long. */
const pendingLifetimeSeconds = 600;
const maxLogoutBodyBytes = 16 * 1024;

const pendingSchema = z.object({
  codeVerifier: z.string().check(z.minLength(43), z.maxLength(128)),
  state: z.string().check(z.minLength(1), z.maxLength(128)),
  nonce: z.string().check(z.minLength(1), z.maxLength(128)),
  next: z.string().check(z.maxLength(120)),
});

export interface OidcEndpointDeps {
  signIn: OidcSignIn;
  access: Access;
  log: Logger;
  trustProxy: boolean;
}

/**
 * The three routes of sign-in through the identity provider [IDENT1] [IDENT6]:
 * `GET /api/oidc/start?next=` sends the browser to the provider, `GET /api/oidc/callback` is
 * where it comes back (the redirect URL), and `POST /api/oidc/backchannel-logout` is where the
 * provider tells Kinboard a session ended. They answer redirects and form posts, not JSON, so
 * they sit beside the JSON API rather than in it.
 */
export class OidcEndpoints {
  readonly #deps: OidcEndpointDeps;
  readonly #logoutTokens: LogoutTokens;

  constructor(deps: OidcEndpointDeps) {
    this.#deps = deps;
    this.#logoutTokens = new LogoutTokens(deps.signIn.settings.clientId, () => deps.signIn.configuration());
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /api/oidc/start') return this.#start(request, response, url);
    if (route === 'GET /api/oidc/callback') return this.#callback(request, response, url);
    if (route === 'POST /api/oidc/backchannel-logout') return this.#backchannelLogout(request, response);
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found\n');
  }

  async #start(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const secure = cameOverHttps(request, this.#deps.trustProxy);
    let begun;
    try {
      begun = await this.#deps.signIn.begin(safePath(url.searchParams.get('next')));
    } catch (error) {
      this.#deps.log.error({ err: error }, 'could not reach the identity provider');
      return redirect(response, signInPage('unreachable'));
    }
    const value = Buffer.from(JSON.stringify(begun.pending)).toString('base64url');
    redirect(response, begun.url.href, [pendingCookie(value, { maxAge: pendingLifetimeSeconds, secure })]);
  }

  async #callback(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const { access, signIn, log } = this.#deps;
    const secure = cameOverHttps(request, this.#deps.trustProxy);
    const clearPending = pendingCookie('', { maxAge: 0, secure });
    const pending = readPending(request);
    const now = Date.now();
    const refuse = async (
      problem: ProviderRefusal,
      detail: { reason?: string; issuer?: string } = {},
      personal: { subject?: string; email?: string | undefined } = {},
    ) => {
      await access.audit.record({
        actorKind: 'system',
        action: 'staff.sign-in-failed',
        detail: { via: 'provider', problem, ...detail },
        personal,
      });
      redirect(response, signInPage(problem), [clearPending]);
    };
    if (!pending) return refuse('failed', { reason: 'no sign-in in flight in this browser' });
    // The page the provider sends back to must be the registered one, whatever Host said.
    const callbackUrl = new URL(`${signIn.settings.redirectUri}${url.search}`);
    let person;
    try {
      person = await signIn.finish(callbackUrl, pending, now);
    } catch (error) {
      log.warn({ err: error }, 'the identity provider’s answer was refused');
      return refuse('failed', { reason: error instanceof Error ? error.message.slice(0, 200) : 'refused' });
    }
    if (!signIn.allows(person))
      return refuse(
        'not-allowed',
        { issuer: person.issuer },
        { subject: person.subject, email: person.verifiedEmail },
      );
    const staff = await staffForPerson(
      { store: access.store, audit: access.audit, adminEmail: signIn.settings.adminEmail },
      person,
      now,
    );
    if (typeof staff === 'string')
      return refuse(staff, { issuer: person.issuer }, { subject: person.subject });
    const cookie = await access.sessions.start(staff.id, now, secure, {
      endsAt: person.endsAt,
      provider: { issuer: person.issuer, sessionId: person.sessionId },
    });
    await access.audit.record({
      actorKind: 'staff',
      actorId: staff.id,
      action: 'staff.signed-in',
      detail: { via: 'provider', issuer: person.issuer },
    });
    redirect(response, pending.next, [clearPending, cookie]);
  }

  /**
   * OpenID Back-Channel Logout 1.0: the provider posts a logout token; once it is verified, the
   * sessions it names end and every sync and socket.io connection resting on them closes.
   */
  async #backchannelLogout(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { access, log } = this.#deps;
    const answer = (status: number, body?: object) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(body ? JSON.stringify(body) : undefined);
    };
    const token = await readLogoutToken(request);
    if (!token) return answer(400, { error: 'invalid_request', error_description: 'no logout_token' });
    let logout;
    try {
      logout = await this.#logoutTokens.verify(token);
    } catch (error) {
      log.warn({ err: error }, 'a logout token was refused');
      return answer(400, { error: 'invalid_request', error_description: 'the logout token was refused' });
    }
    const ended = await access.store.endProviderSessions(logout.issuer, logout);
    for (const session of ended) {
      // Through the one mechanism that closes connections: every server's AccessEnds [ACCESS22].
      access.events.emit('session-ended', { staffId: session.staffId, sessionId: session.id });
      await access.audit.record({
        actorKind: 'staff',
        actorId: session.staffId,
        action: 'staff.signed-out',
        detail: { via: 'provider-logout', issuer: logout.issuer },
      });
    }
    answer(200);
  }
}

/** What the browser kept of its sign-in in flight, if it is there and well-formed. */
function readPending(request: IncomingMessage): PendingSignIn | undefined {
  const raw = readCookie(request.headers, pendingCookieName);
  if (!raw) return undefined;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? { ...parsed.data, next: safePath(parsed.data.next) } : undefined;
  } catch {
    return undefined;
  }
}

async function readLogoutToken(request: IncomingMessage): Promise<string | undefined> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxLogoutBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('logout_token') ?? undefined;
}

/** Only the path (on this site) of the sign-in page's `next`; anything else goes to the staff home. */
function safePath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.length > 120)
    return '/staff';
  return next;
}

function signInPage(problem: ProviderRefusal | 'unreachable'): string {
  return `/signin?problem=${problem}`;
}

/** Scoped to the OIDC routes, httpOnly, SameSite=Lax so it comes back on the provider's redirect. */
function pendingCookie(value: string, options: { maxAge: number; secure: boolean }): string {
  if (!value) return clearCookieHeader(pendingCookieName, options).replace('Path=/', 'Path=/api/oidc');
  return setCookieHeader(pendingCookieName, value, options).replace('Path=/', 'Path=/api/oidc');
}

function redirect(response: ServerResponse, location: string, cookies: string[] = []): void {
  response.writeHead(303, { location, 'set-cookie': cookies, 'cache-control': 'no-store' });
  response.end();
}
