import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';

/** What the provider said about the person, once openid-client has checked the ID token. */
export interface ProviderPerson {
  issuer: string;
  subject: string;
  /** Lower case; only when the provider says it verified it. */
  verifiedEmail: string | undefined;
  name: string | undefined;
  groups: string[];
  /** The provider's session (`sid`), which its logout names [IDENT6]. */
  sessionId: string | undefined;
  /** When the provider's tokens expire: the Kinboard session ends then [IDENT5]. */
  endsAt: number;
}

/** The browser's half of one sign-in in flight, kept in a short-lived httpOnly cookie. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** Where to go once signed in (a path on this site). */
  next: string;
}

/** Why a person the provider signed in is not let in; each has a plain sentence on the sign-in page. */
export type ProviderRefusal = 'not-allowed' | 'no-email' | 'disabled' | 'email-taken' | 'failed';

/**
 * Staff sign-in through the authority's OpenID Connect provider [IDENT1]: the authorization code
 * flow with PKCE (S256), state and nonce, all through openid-client (an OpenID-certified relying
 * party), which checks the ID token's signature, issuer, audience, expiry and nonce. Kinboard
 * writes no token check of its own.
 */
export class OidcSignIn {
  readonly settings: OidcConfig;
  #configuration: Promise<client.Configuration> | undefined;

  constructor(settings: OidcConfig) {
    this.settings = settings;
  }

  /** The provider's metadata and keys, discovered once (again after a failure). */
  configuration(): Promise<client.Configuration> {
    this.#configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        { redirect_uris: [this.settings.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(this.settings.clientSecret),
        // Plain http only to a provider on this machine (development and the tests' own provider).
        isLoopbackUrl(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        this.#configuration = undefined;
        throw error;
      });
    return this.#configuration;
  }

  /** The provider's address to send the browser to, and what the browser keeps meanwhile. */
  async begin(next: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = {
      codeVerifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      next,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.allowedGroups.length > 0 ? 'openid email profile groups' : 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * The provider sent the browser back to `callbackUrl`: the code is exchanged (with the PKCE
   * verifier) and the ID token checked by openid-client. Throws on anything it refuses.
   */
  async finish(callbackUrl: URL, pending: PendingSignIn, now: number): Promise<ProviderPerson> {
    const configuration = await this.configuration();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const expiresIn = tokens.expiresIn();
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
    const groups = claims[this.settings.groupsClaim];
    return {
      issuer: claims.iss,
      subject: claims.sub,
      verifiedEmail: claims.email_verified === true ? email : undefined,
      name:
        typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : undefined,
      groups: Array.isArray(groups) ? groups.filter((each) => typeof each === 'string') : [],
      sessionId: typeof claims.sid === 'string' ? claims.sid : undefined,
      // The access token's lifetime when the provider gives one; the ID token's otherwise.
      endsAt: expiresIn !== undefined ? now + expiresIn * 1000 : claims.exp * 1000,
    };
  }

  /**
   * Whether the administrator lets this person in [IDENT2]: a provider-verified email in an
   * allowed domain, or membership of an allowed group. Either rule suffices when both are set.
   */
  allows(person: ProviderPerson): boolean {
    const { allowedDomains, allowedGroups } = this.settings;
    const domain = person.verifiedEmail?.split('@').at(-1);
    if (domain && allowedDomains.includes(domain)) return true;
    return person.groups.some((group) => allowedGroups.includes(group.toLowerCase()));
  }
}

export function isLoopbackUrl(value: string): boolean {
  const host = new URL(value).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
