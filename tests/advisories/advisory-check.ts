import semver from 'semver';
import * as z from 'zod/mini';

/** One advisory as tests/advisories/known-advisories.json keeps it. */
const advisorySchema = z.object({
  id: z.string().check(z.minLength(1)),
  aliases: z.array(z.string()),
  package: z.string().check(z.minLength(1)),
  /** A semver range (`semver.satisfies`), the advisory's own affected versions. */
  vulnerable: z.string().check(z.refine((range) => semver.validRange(range) !== null, 'a semver range')),
  severity: z.enum(['low', 'moderate', 'high', 'critical']),
  summary: z.string().check(z.minLength(1)),
  source: z.url(),
  /** Reviewed and not reachable here: reported, not failed, until the date (then reviewed again). */
  accepted: z.optional(z.object({ reason: z.string().check(z.minLength(40)), until: z.iso.date() })),
});
export const advisoryListSchema = z.object({
  checked: z.iso.date(),
  howChecked: z.string().check(z.minLength(1)),
  advisories: z.array(advisorySchema).check(z.minLength(1)),
});
export type AdvisoryList = z.infer<typeof advisoryListSchema>;
export type Advisory = z.infer<typeof advisorySchema>;

export interface Finding {
  advisory: Advisory;
  version: string;
  /** True when the advisory is accepted and its acceptance has not run out. */
  accepted: boolean;
}

/** Every resolved version that falls in a listed vulnerable range. */
export function findAdvisories(
  packages: ReadonlyMap<string, ReadonlySet<string>>,
  list: AdvisoryList,
  today: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const advisory of list.advisories)
    for (const version of packages.get(advisory.package) ?? [])
      if (semver.satisfies(version, advisory.vulnerable, { includePrerelease: true }))
        findings.push({
          advisory,
          version,
          accepted: advisory.accepted !== undefined && advisory.accepted.until >= today,
        });
  return findings;
}

/** What `pnpm audit --prod --json` said: the registry's advisories, or why there were none to read. */
export type RegistryAudit =
  { kind: 'answered'; advisories: RegistryAdvisory[] } | { kind: 'unavailable'; reason: string };
export interface RegistryAdvisory {
  id: string;
  package: string;
  severity: string;
  title: string;
  versions: string[];
}

const registryAnswerSchema = z.object({
  advisories: z.record(
    z.string(),
    z.looseObject({
      module_name: z.string(),
      severity: z.string(),
      title: z._default(z.string(), ''),
      github_advisory_id: z.optional(z.string()),
      cves: z._default(z.array(z.string()), []),
      findings: z._default(z.array(z.looseObject({ version: z.string() })), []),
    }),
  ),
});
const registryErrorSchema = z.object({
  error: z.looseObject({ code: z.optional(z.string()), message: z.string() }),
});

/** Reads pnpm audit's JSON; anything but a list of advisories is the registry not answering. */
export function readRegistryAudit(output: string): RegistryAudit {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    const firstLine = output.trim().split('\n')[0] ?? '';
    return { kind: 'unavailable', reason: firstLine || 'no answer' };
  }
  const failed = registryErrorSchema.safeParse(parsed);
  if (failed.success)
    return {
      kind: 'unavailable',
      reason: `${failed.data.error.code ?? 'error'}: ${failed.data.error.message}`,
    };
  const answer = registryAnswerSchema.safeParse(parsed);
  if (!answer.success) return { kind: 'unavailable', reason: 'an answer this check cannot read' };
  return {
    kind: 'answered',
    advisories: Object.values(answer.data.advisories).map((each) => ({
      id: each.github_advisory_id ?? each.cves[0] ?? each.title,
      package: each.module_name,
      severity: each.severity,
      title: each.title,
      versions: [...new Set(each.findings.map((finding) => finding.version))],
    })),
  };
}

/** The registry's advisories that fail the check: moderate or worse, and not accepted in our list. */
export function failingRegistryAdvisories(
  audit: RegistryAudit,
  list: AdvisoryList,
  today: string,
): RegistryAdvisory[] {
  if (audit.kind !== 'answered') return [];
  const accepted = new Set(
    list.advisories
      .filter((advisory) => advisory.accepted && advisory.accepted.until >= today)
      .flatMap((advisory) => [advisory.id, ...advisory.aliases]),
  );
  return audit.advisories.filter(
    (advisory) => advisory.severity !== 'low' && advisory.severity !== 'info' && !accepted.has(advisory.id),
  );
}
