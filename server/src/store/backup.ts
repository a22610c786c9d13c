import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

/**
 * Online backup and restore of the SQLite store [RECORD1]-[RECORD3]. Both go through SQLite's
 * own backup API, never a file copy: with WAL, acknowledged edits may sit in `kinboard.db-wal`
 * for a while before a checkpoint moves them into the main file, so a copy of `kinboard.db`
 * alone misses them (and a copy taken mid-checkpoint may be torn).
 */

/** Pages copied per step: more than any Kinboard database holds, so the whole copy is one step. */
const allPagesAtOnce = 2 ** 30;

/**
 * Copies the database at `databaseFile` into `backupFile` through a connection of its own, while
 * the server keeps writing. One backup step holds one read transaction over the WAL, so the copy
 * is the database as committed when the step began: every update acknowledged before then is in
 * it, and nothing half-written. The backup is one self-contained file (rollback journal, no WAL).
 */
export async function backupDatabase(databaseFile: string, backupFile: string): Promise<{ pages: number }> {
  if (!existsSync(databaseFile)) throw new BackupError(`there is no database at ${databaseFile}`);
  if (existsSync(backupFile)) throw new BackupError(`${backupFile} exists already; give a new file name`);
  const source = new DatabaseSync(databaseFile, { readOnly: true });
  const partial = `${backupFile}.partial`;
  try {
    rmSync(partial, { force: true });
    const pages = await backup(source, partial, { rate: allPagesAtOnce });
    selfContained(partial);
    renameSync(partial, backupFile);
    return { pages };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/**
 * Brings a backup into `databaseFile`. Refuses when a database is there already, unless
 * `replace` is set (and then the server must be stopped: its WAL and shared memory go too).
 * The backup is checked before anything is replaced, and written beside the target first, so a
 * failed restore leaves the target as it was.
 */
export async function restoreDatabase(
  backupFile: string,
  databaseFile: string,
  options: { replace?: boolean } = {},
): Promise<{ pages: number }> {
  if (!existsSync(backupFile)) throw new BackupError(`there is no backup at ${backupFile}`);
  if (existsSync(databaseFile) && !options.replace)
    throw new BackupError(
      `${databaseFile} exists already; restore into a fresh data directory, or stop the server and add --replace`,
    );
  const source = new DatabaseSync(backupFile, { readOnly: true });
  const incoming = `${databaseFile}.restoring`;
  try {
    checkBackup(source, backupFile);
    // A fresh data directory may not exist yet, as when the server starts on one.
    mkdirSync(path.dirname(databaseFile), { recursive: true });
    rmSync(incoming, { force: true });
    const pages = await backup(source, incoming, { rate: allPagesAtOnce });
    selfContained(incoming);
    for (const stale of [`${databaseFile}-wal`, `${databaseFile}-shm`]) rmSync(stale, { force: true });
    renameSync(incoming, databaseFile);
    return { pages };
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

export class BackupError extends Error {}

function checkBackup(db: DatabaseSync, file: string): void {
  const integrity = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string } | undefined;
  if (integrity?.integrity_check !== 'ok')
    throw new BackupError(
      `${file} is damaged (${integrity?.integrity_check ?? 'no answer'}); nothing restored`,
    );
  const migrations = db
    // Kysely's bookkeeping, or the stores' own before it (schema version 7).
    .prepare(
      "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name IN ('kysely_migration', 'schema_migration')",
    )
    .get() as { n: number };
  if (migrations.n === 0) throw new BackupError(`${file} is not a Kinboard database; nothing restored`);
}

/** Folds the copy's WAL into it and turns WAL off, so it is one file that can be moved alone. */
function selfContained(file: string): void {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = DELETE');
  } finally {
    db.close();
  }
}
