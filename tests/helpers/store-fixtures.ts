import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore } from '@kinboard/server/store/open-store';
import type { DocumentUpdate, DrawingImage, Meeting } from '@kinboard/server/store/store';
import * as Y from 'yjs';

/** A data directory the test owns (startServer leaves a given one in place): remove it yourself. */
export function makeDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kinboard-test-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

const databaseFile = (dataDir: string) => path.join(dataDir, 'kinboard.db');

/** Creates a meeting straight in the store, before the server that will serve it starts. */
export async function createMeeting(
  dataDir: string,
  meetingId: string,
  options: { state?: Meeting['state']; documents?: DocumentUpdate[] } = {},
): Promise<void> {
  const store = await openSqliteStore(databaseFile(dataDir));
  try {
    const createdAt = Date.now();
    await store.createMeeting({
      family: { id: `${meetingId}-family`, name: 'Test family', createdAt },
      meeting: {
        id: meetingId,
        familyId: `${meetingId}-family`,
        type: 'family-network-meeting',
        title: `Test meeting ${meetingId}`,
        date: '2026-02-01',
        state: options.state ?? 'open',
        createdAt,
      },
      documents: options.documents ?? [],
    });
  } finally {
    await store.close();
  }
}

/** Appends updates straight to the store (the server must not be running). */
export async function appendUpdates(dataDir: string, updates: DocumentUpdate[]): Promise<void> {
  const store = await openSqliteStore(databaseFile(dataDir));
  try {
    await store.appendUpdates(updates);
  } finally {
    await store.close();
  }
}

/**
 * Keeps a drawing image straight in the store, past the upload route's checks (as one kept before
 * they existed, or damaged on disk). Safe beside a running server: exports read images afresh.
 */
export async function saveDrawingImage(dataDir: string, image: DrawingImage): Promise<void> {
  const store = await openSqliteStore(databaseFile(dataDir));
  try {
    await store.saveDrawingImage(image);
  } finally {
    await store.close();
  }
}

/** Reads the SQLite file directly (read-only; safe beside a running server in WAL mode). */
export function storedRows(dataDir: string, documentName: string): Uint8Array[] {
  const db = new DatabaseSync(databaseFile(dataDir), { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT data FROM document_update WHERE document_name = ? ORDER BY id')
      .all(documentName) as { data: Uint8Array }[];
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    db.close();
  }
}

/** The document as the store holds it, rebuilt from its rows. */
export function storedDoc(dataDir: string, documentName: string): Y.Doc {
  const doc = new Y.Doc();
  for (const update of storedRows(dataDir, documentName)) Y.applyUpdate(doc, update);
  return doc;
}
