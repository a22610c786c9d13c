import path from 'node:path';
import { ConfigError, readConfig } from './config.ts';
import { BackupError, backupDatabase, restoreDatabase } from './store/backup.ts';

/**
 * `scripts/kinboard backup FILE` and `scripts/kinboard restore FILE [--replace]`: the SQLite
 * store under DATA_DIR, through SQLite's own backup [RECORD1]-[RECORD3]. Safe while the server
 * runs (backup); restore wants a data directory with no database, or --replace with the server
 * stopped. PostgreSQL is backed up with pg_dump (README.md, "Backups").
 */
const say = (line: string) => process.stdout.write(`kinboard: ${line}\n`);
const usage = 'usage: scripts/kinboard backup FILE | scripts/kinboard restore FILE [--replace]';

async function main(): Promise<void> {
  const [command, file, ...rest] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file || rest.some((flag) => flag !== '--replace'))
    throw new BackupError(usage);
  const config = readConfig(process.env);
  if (config.postgres)
    throw new BackupError(
      'DATABASE_URL is set: back PostgreSQL up with pg_dump and restore with pg_restore (README.md, "Backups")',
    );
  const target = path.resolve(file);
  if (command === 'backup') {
    const { pages } = await backupDatabase(config.databaseFile, target);
    say(`backed up ${config.databaseFile} to ${target} (${pages} pages)`);
  } else {
    const { pages } = await restoreDatabase(target, config.databaseFile, {
      replace: rest.includes('--replace'),
    });
    say(
      `restored ${target} into ${config.databaseFile} (${pages} pages); start the server on ${config.dataDir}`,
    );
  }
}

main().catch((error: unknown) => {
  const known = error instanceof BackupError || error instanceof ConfigError;
  process.stderr.write(
    `kinboard: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(known ? 2 : 1);
});
