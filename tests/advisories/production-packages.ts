import { parse } from 'yaml';

/**
 * Which package versions pnpm-lock.yaml resolves for what Kinboard ships: the dependencies of
 * the server, shared and web packages, followed through the lockfile's snapshots, plus the web
 * tools whose code is compiled into every page. Test and build tools are left out.
 */
export const shippedImporters = ['server', 'shared', 'web'] as const;
/** Listed as web devDependencies, but their runtime is bundled into the pages. */
export const bundledWebDevDependencies = ['svelte', '@sveltejs/kit'];

type DependencyMap = Record<string, string>;
interface Importer {
  dependencies?: Record<string, { version: string }>;
  optionalDependencies?: Record<string, { version: string }>;
  devDependencies?: Record<string, { version: string }>;
}
interface Snapshot {
  dependencies?: DependencyMap;
  optionalDependencies?: DependencyMap;
}
interface Lockfile {
  lockfileVersion: string;
  importers: Record<string, Importer>;
  snapshots?: Record<string, Snapshot>;
}

/** Every shipped package name with the versions the lockfile resolves for it. */
export function productionPackages(lockfileText: string): Map<string, Set<string>> {
  const lockfile = parse(lockfileText) as Lockfile;
  if (!String(lockfile.lockfileVersion).startsWith('9'))
    throw new Error(`pnpm-lock.yaml version ${lockfile.lockfileVersion}: this check reads version 9`);
  const snapshots = lockfile.snapshots ?? {};
  const found = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const queue: string[] = [];

  /** A dependency as the lockfile writes it: a version (with peers), an alias, or a workspace link. */
  const visit = (name: string, reference: string, fromImporter: string) => {
    if (reference.startsWith('link:')) {
      const target = new URL(reference.slice('link:'.length), `file:///${fromImporter}/`).pathname.slice(1);
      visitImporter(target);
      return;
    }
    // An alias (`npm:y-websocket@1.5.4`) is written as the real name and version.
    const aliased = /^(@?[^@(]+)@([^(]+)/.exec(reference);
    const key = aliased ? reference : `${name}@${reference}`;
    if (seen.has(key)) return;
    seen.add(key);
    const realName = aliased ? aliased[1]! : name;
    // Peers the version was resolved with follow in brackets: `19.3.1(react@19.3.1)`.
    const version = aliased ? aliased[2]! : reference.split('(')[0]!;
    if (!found.has(realName)) found.set(realName, new Set());
    found.get(realName)!.add(version);
    queue.push(key);
  };
  const visitedImporters = new Set<string>();
  const visitImporter = (path: string, extra: readonly string[] = []) => {
    if (visitedImporters.has(path)) return;
    visitedImporters.add(path);
    const importer = lockfile.importers[path];
    if (!importer) throw new Error(`pnpm-lock.yaml has no importer "${path}"`);
    for (const group of [importer.dependencies, importer.optionalDependencies])
      for (const [name, { version }] of Object.entries(group ?? {})) visit(name, version, path);
    for (const name of extra) {
      const dev = importer.devDependencies?.[name];
      if (dev) visit(name, dev.version, path);
    }
  };
  for (const path of shippedImporters) visitImporter(path, path === 'web' ? bundledWebDevDependencies : []);

  while (queue.length > 0) {
    const key = queue.pop()!;
    const snapshot = snapshots[key];
    if (!snapshot) continue;
    for (const group of [snapshot.dependencies, snapshot.optionalDependencies])
      for (const [name, reference] of Object.entries(group ?? {})) visit(name, reference, '.');
  }
  return found;
}
