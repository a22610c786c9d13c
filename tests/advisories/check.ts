/**
 * The dependency advisory gate (npm test runs it): fails when pnpm-lock.yaml resolves a version
 * that known-advisories.json lists as vulnerable for what Kinboard ships, and runs the registry's
 * own audit as well, which fails on what it finds when it answers and, when it does not (this
 * registry answers 405), says so and relies on the committed list alone.
 *   node tests/advisories/check.ts [path/to/pnpm-lock.yaml]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  advisoryListSchema,
  failingRegistryAdvisories,
  findAdvisories,
  readRegistryAudit,
  type RegistryAudit,
} from './advisory-check.ts';
import { productionPackages } from './production-packages.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const lockfilePath = path.resolve(process.argv[2] ?? path.join(repoRoot, 'pnpm-lock.yaml'));
const list = advisoryListSchema.parse(
  JSON.parse(readFileSync(path.join(here, 'known-advisories.json'), 'utf8')),
);
const today = new Date().toISOString().slice(0, 10);
const say = (line: string) => process.stdout.write(`advisories: ${line}\n`);

const packages = productionPackages(readFileSync(lockfilePath, 'utf8'));
const findings = findAdvisories(packages, list, today);
say(
  `${packages.size} shipped packages in ${path.relative(repoRoot, lockfilePath) || lockfilePath} against ` +
    `${list.advisories.length} known advisories (list checked ${list.checked})`,
);
for (const { advisory, version, accepted } of findings)
  say(
    `${accepted ? 'accepted' : 'VULNERABLE'} ${advisory.package}@${version}: ${advisory.id} (${advisory.severity}) ` +
      `${advisory.summary} ${advisory.source}` +
      (accepted ? `\n  accepted until ${advisory.accepted!.until}: ${advisory.accepted!.reason}` : ''),
  );
const vulnerable = findings.filter((finding) => !finding.accepted);

// The registry's audit too, only where it answers; the lockfile given is the repository's own.
let audit: RegistryAudit = {
  kind: 'unavailable',
  reason: 'not run for a lockfile other than the repository’s',
};
if (lockfilePath === path.join(repoRoot, 'pnpm-lock.yaml')) {
  const run = spawnSync('pnpm', ['audit', '--prod', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  audit = run.error ? { kind: 'unavailable', reason: run.error.message } : readRegistryAudit(run.stdout);
}
const registryFailures = failingRegistryAdvisories(audit, list, today);
if (audit.kind === 'unavailable')
  say(
    `the registry's audit (pnpm audit --prod) is unavailable: ${audit.reason}. Only the committed list was checked.`,
  );
else {
  say(`the registry's audit answered: ${audit.advisories.length} advisories`);
  for (const advisory of audit.advisories)
    say(
      `${registryFailures.includes(advisory) ? 'VULNERABLE' : 'noted'} ${advisory.package}@${advisory.versions.join(',')}: ` +
        `${advisory.id} (${advisory.severity}) ${advisory.title}`,
    );
}

if (vulnerable.length > 0 || registryFailures.length > 0) {
  say(
    `failed: ${vulnerable.length + registryFailures.length} vulnerable; upgrade, or review and accept with a reason`,
  );
  process.exit(1);
}
say('passed');
