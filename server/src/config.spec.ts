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
});
