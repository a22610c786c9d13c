import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  advisoryListSchema,
  failingRegistryAdvisories,
  findAdvisories,
  readRegistryAudit,
} from './advisory-check.ts';
import { productionPackages } from './production-packages.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixture = path.join(here, 'fixtures/vulnerable-pnpm-lock.yaml');
const list = advisoryListSchema.parse(
  JSON.parse(readFileSync(path.join(here, 'known-advisories.json'), 'utf8')),
);
const today = new Date().toISOString().slice(0, 10);
const check = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(here, 'check.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });

describe('the dependency advisory gate', () => {
  it('[DEPS1] reads what ships from the lockfile: dependencies through snapshots, aliases, bundled web tools, no test tools', () => {
    const packages = productionPackages(readFileSync(fixture, 'utf8'));
    expect([...packages.keys()].sort()).toEqual(['debug', 'socket.io', 'svelte', 'ws', 'y-websocket', 'zod']);
    expect([...packages.get('ws')!]).toEqual(['8.17.0']);
  });

  it('[DEPS1] finds the listed vulnerable versions in a lockfile that has them', () => {
    const findings = findAdvisories(productionPackages(readFileSync(fixture, 'utf8')), list, today);
    expect(
      findings
        .map((finding) => `${finding.advisory.package}@${finding.version} ${finding.advisory.id}`)
        .sort(),
    ).toEqual(['debug@4.4.2 npm-malware-2025-09-08', 'ws@8.17.0 GHSA-3h5v-q93c-6h6q']);
  });

  it('[DEPS1] fails on the fixture lockfile, naming what is vulnerable, and passes on the real one', () => {
    const failed = check(fixture);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/VULNERABLE ws@8\.17\.0: GHSA-3h5v-q93c-6h6q/);
    expect(failed.stdout).toMatch(/VULNERABLE debug@4\.4\.2/);
    const passed = check();
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
    // The registry's audit is run; whether it answered or not is always said.
    expect(passed.stdout).toMatch(/the registry's audit (answered|\(pnpm audit --prod\) is unavailable)/);
    expect(passed.stdout).toMatch(/passed/);
  }, 60_000);

  it('[DEPS1] an accepted advisory is reported, not failed, until its date runs out', () => {
    const cookie = new Map([['cookie', new Set(['0.6.0'])]]);
    const [now] = findAdvisories(cookie, list, today);
    expect(now).toMatchObject({ accepted: true, version: '0.6.0' });
    const [later] = findAdvisories(cookie, list, '2099-01-01');
    expect(later).toMatchObject({ accepted: false });
  });

  it("[DEPS1] reads the registry's audit: a refusal is unavailable, an answer is checked against what was accepted", () => {
    const refused = readRegistryAudit(
      JSON.stringify({
        error: { code: 'ERR_PNPM_AUDIT_BAD_RESPONSE', message: 'The audit endpoint responded with 405' },
      }),
    );
    expect(refused).toEqual({
      kind: 'unavailable',
      reason: 'ERR_PNPM_AUDIT_BAD_RESPONSE: The audit endpoint responded with 405',
    });
    expect(readRegistryAudit('')).toMatchObject({ kind: 'unavailable' });
    expect(failingRegistryAdvisories(refused, list, today)).toEqual([]);

    const answered = readRegistryAudit(
      JSON.stringify({
        advisories: {
          '1': {
            module_name: 'cookie',
            severity: 'low',
            title: 'cookie',
            github_advisory_id: 'GHSA-pxg6-pf52-xh8x',
            findings: [{ version: '0.6.0' }],
          },
          '2': {
            module_name: 'ws',
            severity: 'high',
            title: 'ws DoS',
            github_advisory_id: 'GHSA-3h5v-q93c-6h6q',
            findings: [{ version: '8.17.0' }],
          },
        },
      }),
    );
    expect(answered.kind).toBe('answered');
    expect(failingRegistryAdvisories(answered, list, today).map((advisory) => advisory.package)).toEqual([
      'ws',
    ]);
  });
});
