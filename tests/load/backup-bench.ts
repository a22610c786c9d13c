/**
 * Backup benchmark [RECORD1] [RECORD2]: how long `scripts/kinboard backup` and `restore` take for
 * a SQLite store of a given size, idle and while edits keep being stored beside it, through the
 * same functions the commands call. No server: one process, a store on a temporary directory.
 *
 *   node tests/load/backup-bench.ts [--updates 100000] [--bytes 400]
 *
 * Prints the store's size, the backup's size and time, idle and under writes (with how many
 * batches committed while it ran), and the restore's time (integrity check included).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { backupDatabase, restoreDatabase } from '../../server/src/store/backup.ts';
import { openSqliteStore } from '../../server/src/store/open-store.ts';

// `pnpm run bench:all -- --rooms 10` hands its options to every benchmark; take ours, leave the rest.
const { values } = parseArgs({
  options: { updates: { type: 'string', default: '100000' }, bytes: { type: 'string', default: '400' } },
  strict: false,
});
const updates = Math.max(1000, Number(values.updates) || 100_000);
const bytes = Math.max(16, Number(values.bytes) || 400);
const boards = 50;

const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-backup-bench-'));
const file = path.join(dir, 'kinboard.db');
const megabytes = (size: number) => `${(size / 1e6).toFixed(1)} MB`;
try {
  const store = await openSqliteStore(file);
  const update = new Uint8Array(bytes).fill(7);
  for (let done = 0; done < updates; done += 200)
    await store.appendUpdates(
      Array.from({ length: 200 }, (_, i) => ({ documentName: `bench-${i % boards}.map`, update })),
    );
  const storeSize = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);

  let started = performance.now();
  await backupDatabase(file, path.join(dir, 'idle.db'));
  const idleMs = performance.now() - started;

  // Batches keep committing on the main thread while the backup copies on Node's thread pool.
  let writing = true;
  let batches = 0;
  const writer = (async () => {
    while (writing) {
      await store.appendUpdates([{ documentName: 'bench-0.map', update }]);
      batches++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  started = performance.now();
  await backupDatabase(file, path.join(dir, 'busy.db'));
  const busyMs = performance.now() - started;
  writing = false;
  await writer;
  await store.close();

  started = performance.now();
  await restoreDatabase(path.join(dir, 'busy.db'), path.join(dir, 'restored', 'kinboard.db'));
  const restoreMs = performance.now() - started;

  console.log(
    `store: ${updates} updates of ${bytes} bytes on ${boards} boards, ${megabytes(storeSize)} (database and WAL)`,
  );
  console.log(
    `backup, idle:          ${idleMs.toFixed(0)} ms, ${megabytes(statSync(path.join(dir, 'idle.db')).size)}`,
  );
  console.log(`backup, under writes:  ${busyMs.toFixed(0)} ms (${batches} batches stored meanwhile)`);
  console.log(`restore:               ${restoreMs.toFixed(0)} ms (integrity check included)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
