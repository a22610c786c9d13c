import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/** A person with an account at the test's provider; they sign in with `login` and any password. */
export interface ProviderAccount {
  login: string;
  email: string;
  emailVerified?: boolean;
  name: string;
  groups: string[];
  /** How long this person's access tokens last, in seconds (the Kinboard session ends then). */
  accessTokenSeconds?: number;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Every logout token the provider sent to Kinboard's back-channel, with Kinboard's answer. */
  backchannelAnswers(): number[];
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`, an OpenID-certified implementation) on
 * loopback, with keys of its own made at start, its development login and consent pages, and
 * back-channel logout to the one Kinboard client it knows. `kinboardUrl` is where Kinboard will
 * listen: its redirect and logout URLs are registered with the client.
 */
export async function startTestProvider(options: {
  kinboardUrl: string;
  accounts: ProviderAccount[];
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-provider-key', alg: 'RS256', use: 'sig' };
  const byLogin = new Map(options.accounts.map((account) => [account.login, account]));
  const clientId = 'kinboard';
  const clientSecret = 'a-client-secret-only-the-test-knows';
  const answers: number[] = [];

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.kinboardUrl}/api/oidc/callback`],
        post_logout_redirect_uris: [`${options.kinboardUrl}/signin`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        backchannel_logout_uri: `${options.kinboardUrl}/api/oidc/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // The ID token carries the claims of its scopes, so Kinboard need not ask userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
    },
    ttl: {
      AccessToken: (_ctx: KoaContextWithOIDC, token) =>
        byLogin.get(String((token as { accountId?: string }).accountId))?.accessTokenSeconds ?? 3600,
    },
    // The provider guards its outgoing requests against private addresses (SSRF); here Kinboard
    // is on loopback by design, so its back-channel calls go out with the plain fetch.
    fetch: (url, init) => {
      const { dispatcher: _guard, ...rest } = init as RequestInit & { dispatcher?: unknown };
      return fetch(url, rest);
    },
    async findAccount(_ctx, id) {
      const account = byLogin.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
          groups: account.groups,
        }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('backchannel.success', () => answers.push(200));
  provider.on('backchannel.error', () => answers.push(400));
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    backchannelAnswers: () => [...answers],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
