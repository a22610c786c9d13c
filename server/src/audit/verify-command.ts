import { ConfigError, readConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';

/**
 * `scripts/kinboard audit-verify` [AUDIT4]: opens the store the settings choose, recomputes the
 * audit log's hash chain from its genesis, and says that it holds (exit 0) or names the first
 * entry that breaks it (exit 1).
 */
async function main(): Promise<number> {
  const config = readConfig(process.env);
  const store = await openStore(config, (step) => process.stderr.write(`kinboard: ${step}\n`));
  try {
    const check = await store.verifyAuditChain();
    if (check.holds) {
      process.stdout.write(`kinboard: the audit log's chain holds (${check.entries} entries)\n`);
      return 0;
    }
    const { id, at, reason } = check.broken;
    const when = at > 0 ? ` written ${new Date(at).toISOString()}` : '';
    process.stdout.write(
      `kinboard: the audit log's chain is broken at entry ${id}${when}: ${reason}` +
        ` (${check.entries} entries before it hold)\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`kinboard: ${message}\n`);
    process.exit(2);
  },
);
