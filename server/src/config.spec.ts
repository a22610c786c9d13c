import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('readConfig', () => {
  it('has a default for every setting', () => {
    const config = readConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseFile).toMatch(/data[/\\]kinboard\.db$/);
    expect(config.seedDemo).toBe(true);
    expect(config.requireSignIn).toBe(true);
  });

  it('reads the environment', () => {
    const config = readConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      REQUIRE_SIGN_IN: 'true',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({ port: 0, host: '0.0.0.0', seedDemo: false, logLevel: 'warn' });
  });

  it('refuses to let other machines reach an open board', () => {
    expect(() => readConfig({ HOST: '0.0.0.0', REQUIRE_SIGN_IN: 'false' })).toThrow(/REQUIRE_SIGN_IN=true/);
    expect(readConfig({ HOST: '0.0.0.0' }).requireSignIn).toBe(true);
    expect(() => readConfig({ HOST: '192.168.1.20', REQUIRE_SIGN_IN: 'false' })).toThrow(ConfigError);
    expect(readConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('requires sign-in by default, and takes a first administrator only whole', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ trustProxy: false, requireSignIn: true, firstAdministrator: undefined });
    expect(config.sessionIdleMs).toBe(8 * 3_600_000);
    expect(
      readConfig({ ADMIN_EMAIL: 'Chair@Example.org', ADMIN_PASSWORD: 'a long enough secret' })
        .firstAdministrator,
    ).toEqual({ email: 'chair@example.org', password: 'a long enough secret', name: 'Administrator' });
    expect(() => readConfig({ ADMIN_EMAIL: 'chair@example.org' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => readConfig({ ADMIN_EMAIL: 'chair@example.org', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD/,
    );
    expect(() => readConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('[CLOCK1] lets tests move the clock only on this machine', () => {
    expect(readConfig({}).testClock).toBe(false);
    expect(readConfig({ TEST_CLOCK: 'true' }).testClock).toBe(true);
    expect(() => readConfig({ TEST_CLOCK: 'true', HOST: '0.0.0.0' })).toThrow(/TEST_CLOCK/);
  });

  it('uses PostgreSQL when DATABASE_URL names it, SQLite otherwise', () => {
    expect(readConfig({}).postgres).toBeUndefined();
    expect(readConfig({ DATABASE_URL: '' }).postgres).toBeUndefined();
    expect(
      readConfig({ DATABASE_URL: 'postgres://kinboard:secret@db.internal:5432/kinboard' }).postgres,
    ).toEqual({
      url: 'postgres://kinboard:secret@db.internal:5432/kinboard',
      schema: undefined,
    });
    expect(
      readConfig({ DATABASE_URL: 'postgresql://db/kinboard?sslmode=require', DATABASE_SCHEMA: 'kinboard' })
        .postgres,
    ).toEqual({ url: 'postgresql://db/kinboard?sslmode=require', schema: 'kinboard' });
    expect(() => readConfig({ DATABASE_URL: 'mysql://db/kinboard' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ DATABASE_URL: 'kinboard.db' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/k', DATABASE_SCHEMA: 'Robert"; DROP' })).toThrow(
      /DATABASE_SCHEMA/,
    );
    expect(() => readConfig({ DATABASE_SCHEMA: 'kinboard' })).toThrow(/DATABASE_SCHEMA/);
  });

  it('shares meetings through Redis when REDIS_URL names one, and only with PostgreSQL', () => {
    expect(readConfig({}).redisUrl).toBeUndefined();
    expect(readConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
    expect(
      readConfig({ DATABASE_URL: 'postgres://db/kinboard', REDIS_URL: 'redis://redis:6379' }).redisUrl,
    ).toBe('redis://redis:6379');
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/kinboard', REDIS_URL: 'redis.internal' })).toThrow(
      /REDIS_URL/,
    );
    expect(() => readConfig({ REDIS_URL: 'redis://redis:6379' })).toThrow(/REDIS_URL.*DATABASE_URL/);
    expect(() =>
      readConfig({ DATABASE_URL: 'postgres://db/kinboard', REDIS_URL: 'http://:hunter2hunter2@redis' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });

  it('never repeats DATABASE_URL in a message, since it may hold a password', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://kinboard:hunter2hunter2@db/kinboard' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  const provider = {
    OIDC_ISSUER: 'https://login.county.example',
    OIDC_CLIENT_ID: 'kinboard',
    OIDC_CLIENT_SECRET: 'secret',
    PUBLIC_URL: 'https://kinboard.county.example/',
    OIDC_ALLOWED_DOMAINS: 'County.example, partner.example',
  };

  it('[IDENT1] [IDENT2] signs staff in through a provider only whole, with PUBLIC_URL and who may sign in', () => {
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig(provider).oidc).toMatchObject({
      redirectUri: 'https://kinboard.county.example/api/oidc/callback',
      allowedDomains: ['county.example', 'partner.example'],
      allowedGroups: [],
      groupsClaim: 'groups',
    });
    expect(() => readConfig({ ...provider, OIDC_CLIENT_SECRET: '' })).toThrow(/OIDC_CLIENT_SECRET/);
    expect(() => readConfig({ ...provider, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL/);
    expect(() => readConfig({ ...provider, OIDC_ALLOWED_DOMAINS: '' })).toThrow(
      /OIDC_ALLOWED_DOMAINS or OIDC_ALLOWED_GROUPS/,
    );
    expect(
      readConfig({ ...provider, OIDC_ALLOWED_DOMAINS: '', OIDC_ALLOWED_GROUPS: 'Kinboard-Staff' }).oidc
        ?.allowedGroups,
    ).toEqual(['kinboard-staff']);
  });

  it('[IDENT8] [IDENT9] turns passwords off only with a provider, and then takes ADMIN_EMAIL alone', () => {
    expect(readConfig({}).passwordSignIn).toBe(true);
    expect(() => readConfig({ PASSWORD_SIGN_IN: 'false' })).toThrow(/OIDC_ISSUER/);
    const off = readConfig({ ...provider, PASSWORD_SIGN_IN: 'false', ADMIN_EMAIL: 'Lead@County.example' });
    expect(off.passwordSignIn).toBe(false);
    expect(off.oidc?.adminEmail).toBe('lead@county.example');
    expect(off.firstAdministrator).toBeUndefined();
    expect(() =>
      readConfig({
        ...provider,
        PASSWORD_SIGN_IN: 'false',
        ADMIN_EMAIL: 'a@county.example',
        ADMIN_PASSWORD: 'long enough password',
      }),
    ).toThrow(/ADMIN_PASSWORD/);
  });

  it('[OPS1] keeps no figures unless METRICS_TOKEN or METRICS_PORT is set', () => {
    expect(readConfig({}).metrics).toEqual({ token: undefined, port: undefined });
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(readConfig({ METRICS_PORT: '9464' }).metrics.port).toBe(9464);
  });

  it('[COPY3] reads the mail server from SMTP_URL or SMTP_HOST, with a sender, and never repeats its password', () => {
    expect(readConfig({}).mail).toBeUndefined();
    expect(
      readConfig({
        SMTP_URL: 'smtps://copies:s3cret@mail.county.example',
        SMTP_FROM: 'Kinboard <k@county.example>',
      }).mail,
    ).toEqual({
      host: 'mail.county.example',
      port: 465,
      secure: true,
      requireTls: true,
      verifyCertificate: true,
      user: 'copies',
      password: 's3cret',
      from: 'Kinboard <k@county.example>',
    });
    const plain = readConfig({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '2525',
      SMTP_FROM: 'k@county.example',
      SMTP_REQUIRE_TLS: 'false',
    }).mail;
    expect(plain).toMatchObject({ host: '127.0.0.1', port: 2525, secure: false, requireTls: false });
    expect(readConfig({ SMTP_HOST: 'mail.county.example', SMTP_FROM: 'k@county.example' }).mail?.port).toBe(
      587,
    );
    expect(() => readConfig({ SMTP_HOST: 'mail.county.example' })).toThrow(/SMTP_FROM/);
    expect(() => readConfig({ SMTP_FROM: 'k@county.example' })).toThrow(/SMTP_FROM/);
    expect(() => readConfig({ SMTP_URL: 'http://mail', SMTP_FROM: 'k@county.example' })).toThrow(/SMTP_URL/);
    expect(() => readConfig({ SMTP_HOST: 'mail', SMTP_FROM: 'not an address' })).toThrow(/SMTP_FROM/);
    expect(() =>
      readConfig({ SMTP_HOST: 'mail', SMTP_USER: 'copies', SMTP_FROM: 'k@county.example' }),
    ).toThrow(/SMTP_USER and SMTP_PASSWORD/);
    try {
      readConfig({ SMTP_URL: 'smtps://copies:s3cret@mail.county.example' });
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
    }
  });
});
