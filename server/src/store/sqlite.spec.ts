import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from './sqlite.ts';
import { runAccessStoreContract } from './access.contract.ts';
import { runStoreContract } from './store.contract.ts';

// A real file in a temp dir, so WAL mode, synchronous=FULL and reopening are what production runs.
const onTempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
  const file = path.join(dir, 'kinboard.db');
  return {
    open: async () => new SqliteStore(file),
    reopen: async () => new SqliteStore(file),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
};
runStoreContract('SqliteStore', onTempFile);
runAccessStoreContract('SqliteStore', onTempFile);
