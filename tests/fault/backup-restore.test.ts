import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createMeeting, makeDataDir } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const boards = ['demo-hollis.map', 'backup-a.map', 'backup-b.map'];
const writersPerBoard = 2;

/** The real command behind `scripts/kinboard backup|restore`, against a data directory. */
function kinboard(dataDir: string, ...args: string[]) {
  return run(process.execPath, [path.join(repoRoot, 'server/src/backup-main.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

interface Row {
  id: number;
  document_name: string;
  data: Uint8Array;
}

function rows(file: string): Row[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare('SELECT id, document_name, data FROM document_update ORDER BY id')
      .all() as unknown as Row[];
  } finally {
    db.close();
  }
}

function cardsOf(updates: readonly Row[], documentName: string): unknown {
  const doc = new Y.Doc();
  for (const row of updates) if (row.document_name === documentName) Y.applyUpdate(doc, row.data);
  return doc.getMap('cards').toJSON();
}

describe('[RECORD1] [RECORD2] [RECORD3] an online backup restores every board as it was when the backup began', () => {
  const source = makeDataDir();
  const restored = makeDataDir();
  const servers: TestServer[] = [];
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.dispose();
    source.remove();
    restored.remove();
  });

  it('backs up while several stock clients write, restores into a fresh data directory, and a fresh server serves it', async () => {
    await createMeeting(source.dataDir, 'backup-a');
    await createMeeting(source.dataDir, 'backup-b');
    // No compaction while the test runs, so the source's rows show exactly what was stored when.
    const server = await startServer({ dataDir: source.dataDir, env: { COMPACT_AFTER_UPDATES: '1000000' } });
    servers.push(server);
    const watchers = boards.map((board) => connectStockClient(server.wsUrl, board));
    const writers = boards.flatMap((board) =>
      Array.from({ length: writersPerBoard }, () => connectStockClient(server.wsUrl, board)),
    );
    clients.push(...watchers, ...writers);
    await Promise.all([...watchers, ...writers].map((client) => client.synced));

    // Each writer keeps setting numbered entries until told to stop.
    let writing = true;
    const loops = writers.map(async (writer, index) => {
      for (let n = 0; writing; n++) {
        writer.doc.getMap('cards').set(`writer-${index}-${n}`, n);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    await eventually(() => {
      for (const watcher of watchers) expect(watcher.doc.getMap('cards').size).toBeGreaterThan(40);
    }, 20_000);

    // A watcher holds only what was relayed, and an edit is relayed only once stored [SYNC3]:
    // all of it was acknowledged before the backup began.
    const acknowledged = watchers.map((watcher) => watcher.doc.getMap('cards').toJSON());
    const backupFile = path.join(source.dataDir, '..', `${path.basename(source.dataDir)}-backup.db`);
    const backedUp = await kinboard(source.dataDir, 'backup', backupFile);
    expect(backedUp.stdout).toContain('backed up');
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await Promise.all(loops);
    // Killed, not stopped: a clean stop compacts every board [SYNC9], and the rows are the evidence.
    await server.kill();

    // The backup is one file, the store exactly as it was at one moment: the source's rows up
    // to some id, for every board at once (a copy taken mid-write would miss or tear some).
    expect(existsSync(`${backupFile}-wal`)).toBe(false);
    const inBackup = rows(backupFile);
    const lastId = inBackup.at(-1)!.id;
    const sourceRows = rows(path.join(source.dataDir, 'kinboard.db'));
    expect(sourceRows.length).toBeGreaterThan(inBackup.length);
    expect(inBackup).toEqual(sourceRows.filter((row) => row.id <= lastId));
    boards.forEach((board, index) =>
      expect(cardsOf(inBackup, board)).toEqual(expect.objectContaining(acknowledged[index])),
    );

    await kinboard(restored.dataDir, 'restore', backupFile);
    // A second restore would overwrite that database: refused, and it is left as it was.
    const before = readFileSync(path.join(restored.dataDir, 'kinboard.db'));
    const again = await kinboard(restored.dataDir, 'restore', backupFile).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(2);
    expect(again?.stderr).toContain('exists already');
    expect(readFileSync(path.join(restored.dataDir, 'kinboard.db')).equals(before)).toBe(true);

    const fresh = await startServer({ dataDir: restored.dataDir });
    servers.push(fresh);
    for (const board of boards) {
      const reader = connectStockClient(fresh.wsUrl, board);
      clients.push(reader);
      await reader.synced;
      expect(reader.doc.getMap('cards').toJSON()).toEqual(cardsOf(inBackup, board));
    }
    // The rest of the store came with it: the meetings made before the server started.
    const meeting = await fetch(`${fresh.url}/api/meetings/backup-b`);
    expect(meeting.status).toBe(200);
    expect(JSON.stringify(await meeting.json())).toContain('Test meeting backup-b');
  }, 120_000);
});
