import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Configuration } from 'openid-client';

const logoutEvent = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused, and its jti is remembered this long against replays. */
const maxTokenAgeSeconds = 300;

/** Which provider sessions a valid logout token ends. */
export interface ProviderLogout {
  issuer: string;
  sessionId: string | undefined;
  subject: string | undefined;
}

/**
 * Checks an OpenID Back-Channel Logout 1.0 logout token [IDENT6] with jose (the JOSE library
 * openid-client itself is built on): signed by the provider's published keys with the algorithm
 * its metadata names, issued by it to this client, recent, with the logout event, a `sid` or a
 * `sub`, no `nonce`, and a `jti` not seen before. Throws on anything else.
 */
export class LogoutTokens {
  readonly #clientId: string;
  readonly #configuration: () => Promise<Configuration>;
  #keys: { uri: string; keys: JWTVerifyGetKey } | undefined;
  /** jti -> when it may be forgotten. */
  readonly #seen = new Map<string, number>();

  constructor(clientId: string, configuration: () => Promise<Configuration>) {
    this.#clientId = clientId;
    this.#configuration = configuration;
  }

  async verify(token: string, now = Date.now()): Promise<ProviderLogout> {
    const metadata = (await this.#configuration()).serverMetadata();
    if (!metadata.jwks_uri) throw new Error('the provider publishes no keys');
    if (this.#keys?.uri !== metadata.jwks_uri)
      this.#keys = { uri: metadata.jwks_uri, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
    const { payload } = await jwtVerify(token, this.#keys.keys, {
      issuer: metadata.issuer,
      audience: this.#clientId,
      algorithms: metadata.id_token_signing_alg_values_supported?.filter((alg) => alg !== 'none') ?? [
        'RS256',
      ],
      maxTokenAge: maxTokenAgeSeconds,
      requiredClaims: ['iat', 'jti', 'events'],
    });
    const events = payload['events'];
    if (
      typeof events !== 'object' ||
      events === null ||
      typeof (events as Record<string, unknown>)[logoutEvent] !== 'object'
    )
      throw new Error('not a logout token: no back-channel logout event');
    if ('nonce' in payload) throw new Error('a logout token carries no nonce');
    const sessionId = typeof payload['sid'] === 'string' ? payload['sid'] : undefined;
    const subject = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (sessionId === undefined && subject === undefined)
      throw new Error('a logout token names a sid or a sub');
    this.#forgetOld(now);
    if (this.#seen.has(payload.jti!)) throw new Error('this logout token was used already');
    this.#seen.set(payload.jti!, now + maxTokenAgeSeconds * 1000);
    return { issuer: metadata.issuer, sessionId, subject };
  }

  #forgetOld(now: number): void {
    for (const [jti, until] of this.#seen) if (until <= now) this.#seen.delete(jti);
  }
}
