import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { DocumentUpdate, Family, Meeting, NewMeeting, Store, StoredDocument } from './store.ts';

/**
 * Versioned migrations, applied in order on open. Never edit a migration that has shipped:
 * add the next one. The PostgreSQL store keeps the same numbered list.
 */
const migrations: readonly string[] = [
  `CREATE TABLE family (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE meeting (
     id TEXT PRIMARY KEY,
     family_id TEXT NOT NULL REFERENCES family(id),
     type TEXT NOT NULL,
     title TEXT NOT NULL,
     date TEXT NOT NULL,
     state TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE document_update (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     document_name TEXT NOT NULL,
     data BLOB NOT NULL,
     origin TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX document_update_by_name ON document_update (document_name, id);`,
];

interface MeetingRow {
  id: string;
  family_id: string;
  type: string;
  title: string;
  date: string;
  state: Meeting['state'];
  created_at: number;
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    familyId: row.family_id,
    type: row.type,
    title: row.title,
    date: row.date,
    state: row.state,
    createdAt: row.created_at,
  };
}

/**
 * The embedded default store, on Node's built-in SQLite (no native build to download).
 * Durability: WAL with synchronous=FULL, so a committed transaction survives both a killed
 * process and a lost machine (power cut); the cost is one fsync per batch, which the sync
 * module's batching keeps small.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #statements: {
    loadUpdates: StatementSync;
    insertUpdate: StatementSync;
    deleteUpdatesThrough: StatementSync;
    lastUpdateId: StatementSync;
    countUpdates: StatementSync;
    getMeeting: StatementSync;
    listMeetings: StatementSync;
    getFamily: StatementSync;
    insertFamily: StatementSync;
    insertMeeting: StatementSync;
  };

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('PRAGMA foreign_keys = ON');
    // Waiting for a lock blocks the event loop (node:sqlite is synchronous): keep it short.
    this.#db.exec('PRAGMA busy_timeout = 1000');
    this.#migrate();
    const db = this.#db;
    this.#statements = {
      loadUpdates: db.prepare('SELECT id, data FROM document_update WHERE document_name = ? ORDER BY id'),
      insertUpdate: db.prepare(
        'INSERT INTO document_update (document_name, data, origin, created_at) VALUES (?, ?, ?, ?)',
      ),
      deleteUpdatesThrough: db.prepare('DELETE FROM document_update WHERE document_name = ? AND id <= ?'),
      lastUpdateId: db.prepare('SELECT max(id) AS id FROM document_update WHERE document_name = ?'),
      countUpdates: db.prepare('SELECT count(*) AS n FROM document_update WHERE document_name = ?'),
      getMeeting: db.prepare('SELECT * FROM meeting WHERE id = ?'),
      listMeetings: db.prepare('SELECT * FROM meeting ORDER BY date DESC, created_at DESC'),
      getFamily: db.prepare('SELECT * FROM family WHERE id = ?'),
      insertFamily: db.prepare(
        'INSERT INTO family (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      insertMeeting: db.prepare(
        'INSERT INTO meeting (id, family_id, type, title, date, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  #migrate(): void {
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const row = this.#db.prepare('SELECT max(version) AS version FROM schema_migration').get() as
      { version: number | null } | undefined;
    const current = row?.version ?? 0;
    for (let version = current + 1; version <= migrations.length; version++) {
      this.#transaction(() => {
        this.#db.exec(migrations[version - 1]!);
        this.#db
          .prepare('INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)')
          .run(version, Date.now());
      });
    }
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async loadDocument(documentName: string): Promise<StoredDocument> {
    const rows = this.#statements.loadUpdates.all(documentName) as { id: number; data: Uint8Array }[];
    return { updates: rows.map((row) => new Uint8Array(row.data)) };
  }

  async appendUpdates(updates: readonly DocumentUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const now = Date.now();
    this.#transaction(() => {
      for (const { documentName, update, origin } of updates) {
        this.#statements.insertUpdate.run(documentName, update, origin ?? null, now);
      }
    });
  }

  async compactDocument(documentName: string, snapshot: Uint8Array): Promise<void> {
    this.#transaction(() => {
      const last = this.#statements.lastUpdateId.get(documentName) as { id: number | null };
      if (last.id === null) return;
      const throughUpdateId = last.id;
      this.#statements.deleteUpdatesThrough.run(documentName, throughUpdateId);
      // The snapshot must sort before every update kept after it, so it takes the folded row's id.
      this.#db
        .prepare(
          'INSERT INTO document_update (id, document_name, data, origin, created_at) VALUES (?, ?, ?, NULL, ?)',
        )
        .run(throughUpdateId, documentName, snapshot, Date.now());
    });
  }

  async countUpdates(documentName: string): Promise<number> {
    const row = this.#statements.countUpdates.get(documentName) as { n: number };
    return row.n;
  }

  async getMeeting(meetingId: string): Promise<Meeting | undefined> {
    const row = this.#statements.getMeeting.get(meetingId) as MeetingRow | undefined;
    return row ? toMeeting(row) : undefined;
  }

  async listMeetings(): Promise<Meeting[]> {
    return (this.#statements.listMeetings.all() as unknown as MeetingRow[]).map(toMeeting);
  }

  async getFamily(familyId: string): Promise<Family | undefined> {
    const row = this.#statements.getFamily.get(familyId) as
      { id: string; name: string; created_at: number } | undefined;
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : undefined;
  }

  async createMeeting({ family, meeting, documents }: NewMeeting): Promise<void> {
    this.#transaction(() => {
      this.#statements.insertFamily.run(family.id, family.name, family.createdAt);
      this.#statements.insertMeeting.run(
        meeting.id,
        meeting.familyId,
        meeting.type,
        meeting.title,
        meeting.date,
        meeting.state,
        meeting.createdAt,
      );
      for (const { documentName, update, origin } of documents) {
        this.#statements.insertUpdate.run(documentName, update, origin ?? null, meeting.createdAt);
      }
    });
  }

  async healthy(): Promise<boolean> {
    try {
      this.#db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
