import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-store.ts';
import { runAccessStoreContract } from './access.contract.ts';
import { runCopyStoreContract } from './copies.contract.ts';
import { runDrawingStoreContract } from './drawing.contract.ts';
import { runPassStoreContract } from './pass.contract.ts';
import { runViewsBeforeStoreContract } from './views-before.contract.ts';
import { runRetentionStoreContract } from './retention.contract.ts';
import { runHistoryStoreContract } from './history.contract.ts';
import { runIdentityStoreContract } from './identity.contract.ts';
import { runLiveStoreContract } from './live.contract.ts';
import { runScalingStoreContract } from './scaling.contract.ts';
import { runPlanStoreContract } from './plan.contract.ts';
import { runStoreContract } from './store.contract.ts';

// A real file in a temp dir, so WAL mode, synchronous=FULL and reopening are what production runs.
const onTempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
  const file = path.join(dir, 'kinboard.db');
  return {
    open: () => openSqliteStore(file),
    reopen: () => openSqliteStore(file),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
};
const versionOneSqlite = `CREATE TABLE family (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE meeting (id TEXT PRIMARY KEY, family_id TEXT NOT NULL REFERENCES family(id), type TEXT NOT NULL,
    title TEXT NOT NULL, date TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE document_update (id INTEGER PRIMARY KEY AUTOINCREMENT, document_name TEXT NOT NULL, data BLOB NOT NULL,
    origin TEXT, created_at INTEGER NOT NULL);
  CREATE INDEX document_update_by_name ON document_update (document_name, id);`;

runStoreContract('SqliteStore', onTempFile);
runAccessStoreContract('SqliteStore', onTempFile);
runIdentityStoreContract('SqliteStore', onTempFile);
runLiveStoreContract('SqliteStore', onTempFile);
runScalingStoreContract('SqliteStore', onTempFile);
runDrawingStoreContract('SqliteStore', onTempFile);
runPassStoreContract('SqliteStore', onTempFile);
runRetentionStoreContract('SqliteStore', onTempFile);
runHistoryStoreContract('SqliteStore', onTempFile);
runPlanStoreContract('SqliteStore', onTempFile);
runCopyStoreContract('SqliteStore', onTempFile);
runViewsBeforeStoreContract('SqliteStore', onTempFile);

describe('SqliteStore audit log', () => {
  it('[STORE12] the database itself refuses to change or delete an audit entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    const file = path.join(dir, 'kinboard.db');
    const store = await openSqliteStore(file);
    try {
      await store.appendAudit({ at: 1, actorKind: 'system', action: 'setup.first-admin', detail: {} });
      const db = new DatabaseSync(file);
      try {
        expect(() => db.exec("UPDATE audit_log SET action = 'nothing happened'")).toThrow(/append-only/);
        expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
      } finally {
        db.close();
      }
      expect((await store.listAuditOfService(10)).map((entry) => entry.action)).toEqual([
        'setup.first-admin',
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore agreed plans', () => {
  it('[PLAN6] the database itself refuses to change or delete an agreed version or its documents', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    const file = path.join(dir, 'kinboard.db');
    const store = await openSqliteStore(file);
    try {
      const family = { id: 'fam', name: 'Hollis', createdAt: 1 };
      const meeting = {
        ...{ id: 'm1', familyId: 'fam', type: 'family-network-meeting', title: 'T', date: '2026-12-01' },
        ...{ state: 'open' as const, createdAt: 1 },
      };
      await store.createMeeting({ family, meeting, documents: [] });
      await store.startPlanAgreement('m1', 2);
      const board = {
        ...{ statements: [], bottomLines: [], cards: [], rules: [], fireDrills: [], nextSteps: [] },
        ...{ trajectory: [], notes: { contingency: '', safetyObject: '' } },
      };
      await store.finalisePlanVersion({
        ...{ meetingId: 'm1', familyId: 'fam', version: 1, startedAt: 2, agreedAt: 3, agreedBy: 's' },
        ...{ documents: [{ part: 'plan', data: new Uint8Array([7]) }], board, participants: [], answers: [] },
      });
      const db = new DatabaseSync(file);
      try {
        expect(() => db.exec("UPDATE plan_version SET agreed_by = 'x'")).toThrow(/never changes/);
        expect(() => db.exec('DELETE FROM plan_version')).toThrow(/never changes/);
        expect(() => db.exec("UPDATE plan_version_document SET data = x'00'")).toThrow(/never changes/);
        expect(() => db.exec('DELETE FROM plan_version_document')).toThrow(/never changes/);
      } finally {
        db.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore migrations', () => {
  it('[STORE6] a database from before access control (version 1) gains it and keeps its meetings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    const file = path.join(dir, 'kinboard.db');
    const old = new DatabaseSync(file);
    // As main's SqliteStore made it before the one store layer: its bookkeeping and migration 1.
    old.exec('CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    old.exec(versionOneSqlite);
    old.exec('INSERT INTO schema_migration VALUES (1, 0)');
    old.exec("INSERT INTO family VALUES ('fam', 'Hollis', 0)");
    old.exec(
      "INSERT INTO meeting VALUES ('m-old', 'fam', 'family-network-meeting', 'Old', '2026-01-01', 'open', 0)",
    );
    old.close();
    const store = await openSqliteStore(file);
    try {
      expect(await store.getMeeting('m-old')).toEqual({
        id: 'm-old',
        familyId: 'fam',
        type: 'family-network-meeting',
        title: 'Old',
        date: '2026-01-01',
        state: 'open',
        createdAt: 0,
      });
      expect(await store.openMeeting('m-old', 'K7M4QX')).toMatchObject({ meeting: { joinCode: 'K7M4QX' } });
      expect(await store.countStaff()).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore scaling record', () => {
  it('[STORE18] [SCALE8] the database itself refuses to change a revealed round or its answers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    const file = path.join(dir, 'kinboard.db');
    const store = await openSqliteStore(file);
    try {
      await store.createMeeting({
        family: { id: 'fam', name: 'Hollis', createdAt: 1 },
        meeting: {
          id: 'm1',
          familyId: 'fam',
          type: 'family-network-meeting',
          title: 'M',
          date: '2026-12-01',
          state: 'open',
          createdAt: 1,
        },
        documents: [],
      });
      await store.startScalingRound({
        id: 'r1',
        meetingId: 'm1',
        question: {
          questionId: 'q1',
          text: 'How safe?',
          zeroMeans: '',
          tenMeans: '',
          tiedTo: { kind: 'standalone' },
        },
        named: false,
        open: false,
        startedAt: 1,
        startedBy: 's1',
      });
      await store.saveScalingAnswer({
        roundId: 'r1',
        participantKey: 'guest:a',
        name: 'A',
        role: 'family',
        value: 4,
        reason: '',
        answeredAt: 2,
      });
      await store.revealScalingRound('r1', 3);
      const db = new DatabaseSync(file);
      try {
        expect(() => db.exec('UPDATE scaling_answer SET value = 9')).toThrow(/fixed/);
        expect(() => db.exec('DELETE FROM scaling_answer')).toThrow(/fixed/);
        expect(() => db.exec("UPDATE scaling_round SET question = '{}'")).toThrow(/fixed/);
        expect(() => db.exec('DELETE FROM scaling_round')).toThrow(/fixed/);
      } finally {
        db.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
