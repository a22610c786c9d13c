import path from 'node:path';
import { minimumPasswordLength } from '@kinboard/shared/access/staff';
import * as z from 'zod/mini';
import { schemaNamePattern } from './store/postgres-dialect.ts';
import './zod-messages.ts';

/**
 * Every setting Kinboard reads, from the environment, once, at start. A bad value stops the
 * server with the variable's name; nothing else in the server reads process.env.
 * Each variable is documented in README.md with its default.
 */
const environmentSchema = z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65535)), 3000),
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), 'data'),
  /**
   * A postgres:// URL chooses the PostgreSQL store; unset (or empty), SQLite under DATA_DIR.
   * Messages never show it whole: it may hold a password.
   */
  DATABASE_URL: z
    .pipe(
      z.optional(z.string()),
      z.transform((value) => (value === '' ? undefined : value)),
    )
    .check(
      z.refine((value) => value === undefined || isPostgresUrl(value), {
        message: 'must be a postgres:// or postgresql:// URL (or unset, for SQLite under DATA_DIR)',
      }),
    ),
  /**
   * A redis:// URL lets several servers share meetings (with DATABASE_URL): board updates,
   * presence, socket.io and decided-state changes travel between them through it. Unset: one server.
   */
  REDIS_URL: z
    .pipe(
      z.optional(z.string()),
      z.transform((value) => (value === '' ? undefined : value)),
    )
    .check(
      z.refine((value) => value === undefined || /^rediss?:\/\//.test(value), {
        message: 'must be a redis:// or rediss:// URL (or unset, for a single server)',
      }),
    ),
  /** The PostgreSQL schema Kinboard keeps its tables in, created if missing; the database's default when unset. */
  DATABASE_SCHEMA: z.optional(
    z.string().check(z.regex(schemaNamePattern, 'must be a lower-case name of letters, digits and _')),
  ),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** Where the built SvelteKit app is; the server still answers the API and sync without it. */
  WEB_BUILD_DIR: z.optional(z.string().check(z.minLength(1))),
  /** How long a document stays in memory after its last client leaves. */
  DOCUMENT_UNLOAD_DELAY_MS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(600_000)), 10_000),
  /** The largest single WebSocket message accepted, in bytes. */
  MAX_MESSAGE_BYTES: z._default(
    z.coerce.number().check(z.int(), z.gte(1024), z.lte(64 * 1024 * 1024)),
    1024 * 1024,
  ),
  /** The largest a board document may grow, in bytes (an upper bound counted since the last compaction). */
  MAX_DOCUMENT_BYTES: z._default(
    z.coerce.number().check(z.int(), z.gte(64 * 1024), z.lte(256 * 1024 * 1024)),
    4 * 1024 * 1024,
  ),
  /** A document's update log is folded into one snapshot after this many stored updates. */
  COMPACT_AFTER_UPDATES: z._default(z.coerce.number().check(z.int(), z.gte(10), z.lte(1_000_000)), 500),
  /** Repeats of one refusal or entry by one person are counted into one audit entry this long [ACCESS30]. */
  AUDIT_COALESCE_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3600)), 60),
  /** While the store cannot save (disk full), a small write is tried this often [RECORD5]. */
  STORE_RETRY_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(600_000)), 5_000),
  /** Hours after its meeting closes that a guest's name, relationship and pass are kept [RETAIN1]. */
  GUEST_DETAILS_KEPT_HOURS: z._default(z.coerce.number().check(z.gte(0), z.lte(24 * 365)), 24),
  /** How often the retention purge runs, in seconds [RETAIN4]. */
  RETENTION_CHECK_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(86_400)), 600),
  /** Days the audit log's sign-in emails and addresses stay readable (their day's key) [AUDIT9]. */
  AUDIT_DETAILS_KEPT_DAYS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)), 90),
  /** Years after a family's last meeting that its record is due for review [RETAIN3]. */
  FAMILY_RECORD_YEARS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  /** Seed the Hollis demo family and meeting on first start. */
  SEED_DEMO: flag('true'),
  /** Believe X-Forwarded-For and X-Forwarded-Proto (only behind a reverse proxy you run). */
  TRUST_PROXY: flag('false'),
  /**
   * True (the default) enforces [ACCESS13]-[ACCESS17] on the board, socket.io and the meeting
   * API. False serves them to anyone, with roles from the screen's kind: for development and
   * the board's own tests, and only on loopback [ACCESS18]. Other routes are always checked.
   */
  REQUIRE_SIGN_IN: flag('true'),
  /**
   * True lets tests move the server's clock on (POST /api/test-clock), to see passes expire and
   * meetings fall due; loopback only [CLOCK1].
   */
  TEST_CLOCK: flag('false'),
  /** The first administrator, instead of the printed one-time setup link. */
  ADMIN_EMAIL: z.optional(z.email()),
  ADMIN_PASSWORD: z.optional(z.string().check(z.minLength(minimumPasswordLength), z.maxLength(256))),
  ADMIN_NAME: z._default(z.string().check(z.minLength(1), z.maxLength(120)), 'Administrator'),
  /** A staff session ends after this long without use (fractions allowed: tests use seconds)... */
  SESSION_IDLE_MINUTES: z._default(z.coerce.number().check(z.gte(0.05), z.lte(7 * 24 * 60)), 480),
  /** ...and after this long in any case. */
  SESSION_MAX_HOURS: z._default(z.coerce.number().check(z.gte(0.001), z.lte(24 * 30)), 12),
  /**
   * Staff sign-in through the authority's OpenID Connect provider [IDENT1]: set OIDC_ISSUER,
   * OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, with PUBLIC_URL (the redirect URL is
   * `<PUBLIC_URL>/api/oidc/callback`) and who may sign in: OIDC_ALLOWED_DOMAINS and/or
   * OIDC_ALLOWED_GROUPS [IDENT2].
   */
  OIDC_ISSUER: optionalText().check(
    z.refine((value) => value === undefined || /^https?:\/\//.test(value), {
      message: "must be the provider's issuer URL (https://...)",
    }),
  ),
  OIDC_CLIENT_ID: optionalText(),
  OIDC_CLIENT_SECRET: optionalText(),
  /** The name on the sign-in button: "Sign in with <name>". */
  OIDC_PROVIDER_NAME: z._default(z.string().check(z.minLength(1), z.maxLength(60)), 'your organisation'),
  /** Comma-separated email domains whose provider-verified addresses may sign in. */
  OIDC_ALLOWED_DOMAINS: listOf(),
  /** Comma-separated groups, any one of which (in OIDC_GROUPS_CLAIM) lets a person sign in. */
  OIDC_ALLOWED_GROUPS: listOf(),
  OIDC_GROUPS_CLAIM: z._default(z.string().check(z.minLength(1), z.maxLength(100)), 'groups'),
  /** This server's address as browsers reach it, for the provider's redirect back. */
  PUBLIC_URL: optionalText().check(
    z.refine((value) => value === undefined || /^https?:\/\/[^/]+\/?$/.test(value), {
      message: 'must be the address browsers use, such as https://kinboard.example.org (no path)',
    }),
  ),
  /** Staff passwords: on (the default) for small deployments; off once everyone signs in through the provider. */
  PASSWORD_SIGN_IN: flag('true'),
  /**
   * The operator's figures at /metrics [OPS1]: off unless one of these is set. METRICS_TOKEN
   * serves them on the main port to `Authorization: Bearer <token>`; METRICS_PORT serves them,
   * without a token, on a port of their own bound to 127.0.0.1.
   */
  METRICS_TOKEN: z
    .pipe(
      z.optional(z.string()),
      z.transform((value) => (value === '' ? undefined : value)),
    )
    .check(
      z.refine((value) => value === undefined || value.length >= 24, {
        message: 'must be at least 24 characters (a random secret, such as `openssl rand -hex 24`)',
      }),
    ),
  METRICS_PORT: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(65535))),
  /**
   * tldraw's licence key for the drawings. tldraw hides its editor on an https host without one;
   * everything else in Kinboard works the same with or without it. Keys are meant to be public
   * (tldraw checks them in the browser), so it is handed to the drawing page as it is.
   */
  TLDRAW_LICENSE_KEY: z.pipe(
    z.optional(z.string().check(z.maxLength(4096))),
    z.transform((value) => (value === '' ? undefined : value)),
  ),
  /**
   * The service's mail server, for staff to email copies of an agreed plan [COPY3]: SMTP_URL
   * (smtp:// or smtps://, user and password in it) or SMTP_HOST with SMTP_PORT, SMTP_USER and
   * SMTP_PASSWORD; SMTP_FROM is the sender. Unset: no mail is sent, and staff download instead.
   */
  SMTP_URL: optionalText().check(
    z.refine((value) => value === undefined || isSmtpUrl(value), {
      message: 'must be an smtp:// or smtps:// URL, such as smtps://user:password@mail.example.org',
    }),
  ),
  SMTP_HOST: optionalText(),
  SMTP_PORT: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535))),
  SMTP_USER: optionalText(),
  SMTP_PASSWORD: optionalText(),
  SMTP_FROM: optionalText().check(
    z.refine((value) => value === undefined || isMailbox(value), {
      message: 'must be an address, or a name and an address: Kinboard <kinboard@example.org>',
    }),
  ),
  /** TLS from the first byte (port 465); otherwise STARTTLS, required unless SMTP_REQUIRE_TLS=false. */
  SMTP_SECURE: z.optional(z.enum(['true', 'false', '1', '0'])),
  SMTP_REQUIRE_TLS: flag('true'),
  /** Check the mail server's certificate (true); false only for a server you run yourself. */
  SMTP_TLS_VERIFY: flag('true'),
});

function optionalText() {
  return z.pipe(
    z.optional(z.string()),
    z.transform((value) => (value === '' ? undefined : value)),
  );
}

function listOf() {
  return z.pipe(
    z.optional(z.string()),
    z.transform((value) =>
      (value ?? '')
        .split(',')
        .map((each) => each.trim().toLowerCase())
        .filter(Boolean),
    ),
  );
}

function flag(fallback: 'true' | 'false') {
  return z.pipe(
    z._default(z.enum(['true', 'false', '1', '0']), fallback),
    z.transform((value) => value === 'true' || value === '1'),
  );
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** Set from DATABASE_URL: the PostgreSQL store is used instead of SQLite. */
  postgres: { url: string; schema: string | undefined } | undefined;
  /** Set from REDIS_URL: several servers share meetings through this Redis. */
  redisUrl: string | undefined;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  webBuildDir: string;
  documentUnloadDelayMs: number;
  maxMessageBytes: number;
  compactAfterUpdates: number;
  maxDocumentBytes: number;
  auditCoalesceMs: number;
  storeRetryMs: number;
  /** What is purged when, read once like everything else [RETAIN1]-[RETAIN3]. */
  retention: {
    guestDetailsKeptMs: number;
    checkEveryMs: number;
    familyRecordYears: number;
    auditDetailsKeptMs: number;
  };
  seedDemo: boolean;
  trustProxy: boolean;
  requireSignIn: boolean;
  /** TEST_CLOCK: the clock may be moved on through the API, for tests [CLOCK1]. */
  testClock: boolean;
  /** Set from ADMIN_EMAIL and ADMIN_PASSWORD; used only while there is no staff account. */
  firstAdministrator: { email: string; password: string; name: string } | undefined;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Set from OIDC_*: staff may sign in through this OpenID Connect provider [IDENT1]. */
  oidc: OidcConfig | undefined;
  /** PASSWORD_SIGN_IN: staff passwords are accepted [IDENT8]. */
  passwordSignIn: boolean;
  /** METRICS_TOKEN and METRICS_PORT; both undefined: no figures are kept or served [OPS1]. */
  metrics: { token: string | undefined; port: number | undefined };
  /** TLDRAW_LICENSE_KEY, for the drawing page. */
  tldrawLicenseKey: string | undefined;
  /** Set from SMTP_*: staff may email copies [COPY3]; undefined: no mail server. */
  mail: MailConfig | undefined;
  dev: boolean;
}

/** How to reach the mail server; never logged whole (it holds a password). */
export interface MailConfig {
  host: string;
  port: number;
  /** TLS from the first byte; false means STARTTLS (required when `requireTls`). */
  secure: boolean;
  requireTls: boolean;
  verifyCertificate: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  providerName: string;
  /** `<PUBLIC_URL>/api/oidc/callback`, registered with the provider. */
  redirectUri: string;
  publicUrl: string;
  allowedDomains: string[];
  allowedGroups: string[];
  groupsClaim: string;
  /** The first administrator, made on a first sign-in with this provider-verified email [IDENT9]. */
  adminEmail: string | undefined;
}

export class ConfigError extends Error {}

export function readConfig(environment: NodeJS.ProcessEnv, options: { dev?: boolean } = {}): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Kinboard's settings are not valid:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const oidc = readOidc(env);
  if (!env.PASSWORD_SIGN_IN && !oidc)
    throw new ConfigError(
      "Kinboard's settings are not valid:\n  PASSWORD_SIGN_IN: with passwords off, staff need OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to sign in",
    );
  if (!env.PASSWORD_SIGN_IN && env.ADMIN_PASSWORD !== undefined)
    throw new ConfigError(
      "Kinboard's settings are not valid:\n  ADMIN_PASSWORD: passwords are off (PASSWORD_SIGN_IN=false); set ADMIN_EMAIL alone, and that person becomes the first administrator on signing in through the provider",
    );
  // With passwords off, ADMIN_EMAIL alone names the first administrator [IDENT9].
  if (env.PASSWORD_SIGN_IN && (env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined))
    throw new ConfigError(
      "Kinboard's settings are not valid:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both, or neither",
    );
  // While sign-in is optional the board is open to anyone who can reach the port, so it may only
  // listen on this machine. Letting phones in over the network needs sign-in on.
  if (!env.REQUIRE_SIGN_IN && !isLoopback(env.HOST))
    throw new ConfigError(
      `Kinboard's settings are not valid:\n  HOST: ${env.HOST} lets other machines connect; set REQUIRE_SIGN_IN=true as well, so only signed-in staff and admitted guests reach a family's board`,
    );
  if (env.TEST_CLOCK && !isLoopback(env.HOST))
    throw new ConfigError(
      `Kinboard's settings are not valid:\n  TEST_CLOCK: a clock anyone can move is for tests on this machine only; unset it, or listen on 127.0.0.1`,
    );
  if (env.DATABASE_SCHEMA !== undefined && env.DATABASE_URL === undefined)
    throw new ConfigError(
      "Kinboard's settings are not valid:\n  DATABASE_SCHEMA: only used with DATABASE_URL (PostgreSQL); set both, or neither",
    );
  // Servers sharing meetings must share the store: each one's SQLite file would be its own.
  if (env.REDIS_URL !== undefined && env.DATABASE_URL === undefined)
    throw new ConfigError(
      "Kinboard's settings are not valid:\n  REDIS_URL: several servers need one store; set DATABASE_URL (PostgreSQL) as well",
    );
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseFile: path.join(dataDir, 'kinboard.db'),
    postgres: env.DATABASE_URL ? { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA } : undefined,
    redisUrl: env.REDIS_URL,
    logLevel: env.LOG_LEVEL,
    webBuildDir: path.resolve(env.WEB_BUILD_DIR ?? path.join(repoRoot, 'web/build')),
    documentUnloadDelayMs: env.DOCUMENT_UNLOAD_DELAY_MS,
    maxMessageBytes: env.MAX_MESSAGE_BYTES,
    compactAfterUpdates: env.COMPACT_AFTER_UPDATES,
    maxDocumentBytes: env.MAX_DOCUMENT_BYTES,
    auditCoalesceMs: env.AUDIT_COALESCE_SECONDS * 1000,
    storeRetryMs: env.STORE_RETRY_MS,
    retention: {
      guestDetailsKeptMs: Math.round(env.GUEST_DETAILS_KEPT_HOURS * 3_600_000),
      checkEveryMs: env.RETENTION_CHECK_SECONDS * 1000,
      familyRecordYears: env.FAMILY_RECORD_YEARS,
      auditDetailsKeptMs: env.AUDIT_DETAILS_KEPT_DAYS * 86_400_000,
    },
    seedDemo: env.SEED_DEMO,
    trustProxy: env.TRUST_PROXY,
    requireSignIn: env.REQUIRE_SIGN_IN,
    testClock: env.TEST_CLOCK,
    firstAdministrator:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD, name: env.ADMIN_NAME }
        : undefined,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000,
    oidc,
    passwordSignIn: env.PASSWORD_SIGN_IN,
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
    tldrawLicenseKey: env.TLDRAW_LICENSE_KEY,
    mail: readMail(env),
    dev: options.dev ?? false,
  };
}

type Environment = z.infer<typeof environmentSchema>;

function readOidc(env: Environment): OidcConfig | undefined {
  const parts = {
    OIDC_ISSUER: env.OIDC_ISSUER,
    OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(parts)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length === 3) return undefined;
  const invalid = (problem: string) => new ConfigError(`Kinboard's settings are not valid:\n  ${problem}`);
  if (missing.length > 0)
    throw invalid(`${missing.join(', ')}: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together`);
  if (env.PUBLIC_URL === undefined)
    throw invalid(
      'PUBLIC_URL: sign-in through OIDC_ISSUER needs the address browsers reach Kinboard at, for the provider to send them back',
    );
  // Nobody decided who may sign in: every account at the provider would get in.
  if (env.OIDC_ALLOWED_DOMAINS.length === 0 && env.OIDC_ALLOWED_GROUPS.length === 0)
    throw invalid(
      'OIDC_ALLOWED_DOMAINS or OIDC_ALLOWED_GROUPS: say who may sign in through the provider (email domains, groups, or both)',
    );
  const publicUrl = env.PUBLIC_URL.replace(/\/$/, '');
  return {
    issuer: env.OIDC_ISSUER!,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    providerName: env.OIDC_PROVIDER_NAME,
    publicUrl,
    redirectUri: `${publicUrl}/api/oidc/callback`,
    allowedDomains: env.OIDC_ALLOWED_DOMAINS,
    allowedGroups: env.OIDC_ALLOWED_GROUPS,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    adminEmail: env.ADMIN_EMAIL?.toLowerCase(),
  };
}

function readMail(env: Environment): MailConfig | undefined {
  const invalid = (problem: string) => new ConfigError(`Kinboard's settings are not valid:\n  ${problem}`);
  const parts = [env.SMTP_HOST, env.SMTP_PORT, env.SMTP_USER, env.SMTP_PASSWORD];
  if (env.SMTP_URL === undefined && parts.every((part) => part === undefined)) {
    if (env.SMTP_FROM !== undefined)
      throw invalid('SMTP_FROM: set SMTP_URL or SMTP_HOST as well, or unset it (no mail server)');
    return undefined;
  }
  if (env.SMTP_URL !== undefined && env.SMTP_HOST !== undefined)
    throw invalid('SMTP_URL and SMTP_HOST: set one of them, not both');
  if (env.SMTP_FROM === undefined)
    throw invalid('SMTP_FROM: the address copies are sent from, such as Kinboard <kinboard@example.org>');
  const url = env.SMTP_URL === undefined ? undefined : new URL(env.SMTP_URL);
  const host = url?.hostname.replace(/^\[|\]$/g, '') ?? env.SMTP_HOST;
  if (!host) throw invalid('SMTP_HOST: the mail server to send copies through, with SMTP_FROM');
  const user = url ? decodeURIComponent(url.username) || undefined : env.SMTP_USER;
  const password = url ? decodeURIComponent(url.password) || undefined : env.SMTP_PASSWORD;
  if ((user === undefined) !== (password === undefined))
    throw invalid('SMTP_USER and SMTP_PASSWORD: set both, or neither');
  const secure =
    env.SMTP_SECURE !== undefined
      ? env.SMTP_SECURE === 'true' || env.SMTP_SECURE === '1'
      : url
        ? url.protocol === 'smtps:'
        : env.SMTP_PORT === 465;
  const port = (url?.port ? Number(url.port) : undefined) ?? env.SMTP_PORT ?? (secure ? 465 : 587);
  return {
    host,
    port,
    secure,
    requireTls: env.SMTP_REQUIRE_TLS,
    verifyCertificate: env.SMTP_TLS_VERIFY,
    user,
    password,
    from: env.SMTP_FROM,
  };
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `a@b.c` or `Name <a@b.c>`. */
function isMailbox(value: string): boolean {
  const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  return z.email().safeParse(address.trim()).success;
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
