import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { postgresDialect, sqliteDialect } from './dialect.ts';
import { agreedVersion, fixture } from './fixtures/fill-store.ts';
import { migrationNames } from './migrations.ts';
import { openPostgresStore, openSqliteStore } from './open-store.ts';
import { newTestSchema, testPostgresUrl, whyPostgresUnreachable } from './postgres-testing.ts';
import type { Store } from './store.ts';

/**
 * [STORE21] A database made by main before the one store layer (its own `schema_migration`
 * bookkeeping, version 7) opens with today's store: it is recognised as migrated, nothing is
 * applied twice, every record reads back as written, and it takes new writes.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function expectEverythingReadsBack(store: Store): Promise<void> {
  const f = fixture;
  expect(await store.getFamilyDetails(f.family.id)).toEqual({
    family: f.family,
    children: f.children,
    network: f.network,
  });
  expect(await store.getStaff(f.staff.id)).toEqual(f.staff);
  expect(await store.findStaffByEmail(f.staff.email)).toEqual(f.staff);
  expect(await store.getStaffSession(f.session.id)).toEqual({ session: f.session, staff: f.staff });
  expect(await store.hasFamilyAccess(f.staff.id, f.family.id)).toBe(true);
  // Finalising the plan made the open meeting agreed.
  expect(await store.getMeeting(f.meeting.id)).toEqual({
    ...f.meeting,
    state: 'agreed',
    joinCode: f.joinCode,
  });
  expect(await store.findMeetingByJoinCode(f.joinCode)).toMatchObject({ id: f.meeting.id });
  expect((await store.loadDocument('meet-1.map')).updates).toEqual(f.updates);
  expect(await store.loadClientOwners('meet-1.map')).toEqual([f.owner]);
  expect(await store.listParticipants(f.meeting.id)).toEqual([f.participant]);
  expect(await store.listAuditOfFamily(f.family.id, { limit: 100 })).toEqual([{ id: 1, ...f.audit }]);
  expect(await store.getMeetingLiveState(f.meeting.id)).toEqual(f.liveState);
  expect(await store.getScalingRound(f.round.id)).toEqual({ ...f.round, revealedAt: f.revealedAt });
  expect(await store.listScalingAnswers(f.round.id)).toEqual([f.answer]);
  expect(await store.listPlanOffers(f.meeting.id)).toEqual([f.offer]);
  expect(await store.getPlanAgreement(f.meeting.id)).toEqual({
    meetingId: f.meeting.id,
    stage: 'agreed',
    round: 1,
    startedAt: agreedVersion.startedAt,
  });
  expect(await store.listPlanAnswers(f.meeting.id, 1)).toEqual([f.planAnswer]);
  expect(await store.getPlanVersion(f.meeting.id, 1)).toEqual(agreedVersion);
  expect(await store.listDrawingImages(f.meeting.id)).toEqual([f.drawing]);
  // The log as it was starts each board's history, the staff author named from the staff table [HISTORY2].
  const history = await store.loadDocumentHistory('meet-1.map');
  expect(history.map(({ participant, author }) => ({ participant, author }))).toEqual([
    { participant: 'staff:staff-ada', author: { name: f.staff.name, role: 'staff' } },
    { participant: null, author: null },
  ]);
}

/** New writes go on after the old rows: ids keep counting, folding and the audit log work. */
async function expectItTakesNewWrites(store: Store): Promise<void> {
  await store.appendUpdates([{ documentName: 'meet-1.map', update: new Uint8Array([4]) }]);
  expect(await store.countUpdates('meet-1.map')).toBe(3);
  await store.appendAudit({
    at: 2,
    actorKind: 'system',
    action: 'later',
    familyId: fixture.family.id,
    detail: {},
  });
  expect((await store.listAuditOfFamily(fixture.family.id, { limit: 100 })).map((entry) => entry.id)).toEqual(
    [1, 2],
  );
}

/** Every table's columns (name, type, null or not, key) and every index, for comparing two schemas. */
function sqliteShape(file: string): unknown {
  const db = new DatabaseSync(file);
  try {
    return {
      columns: db
        .prepare(
          `SELECT m.name AS t, p.name AS c, p.type, p."notnull", p.pk FROM sqlite_master m, pragma_table_info(m.name) p
           WHERE m.type = 'table' AND m.name NOT LIKE 'kysely_%' AND m.name <> 'schema_migration' ORDER BY 1, 2`,
        )
        .all(),
      indexes: db
        .prepare(
          `SELECT name, tbl_name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE '%kysely%' ORDER BY 1`,
        )
        .all(),
    };
  } finally {
    db.close();
  }
}

describe('[STORE21] a SQLite database made by main before the one store layer', () => {
  it('has, once opened, the schema a new database gets, column for column', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    try {
      const fresh = await openSqliteStore(path.join(dir, 'fresh.db'));
      await fresh.close();
      // Migrations after version 7 run on it as on any database.
      copyFileSync(path.join(fixtures, 'main-v7.sqlite'), path.join(dir, 'old.db'));
      await (await openSqliteStore(path.join(dir, 'old.db'))).close();
      expect(sqliteShape(path.join(dir, 'old.db'))).toEqual(sqliteShape(path.join(dir, 'fresh.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens at the current version with every record, and takes new writes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-store-'));
    const file = path.join(dir, 'kinboard.db');
    copyFileSync(path.join(fixtures, 'main-v7.sqlite'), file);
    try {
      const store = await openSqliteStore(file);
      try {
        await expectEverythingReadsBack(store);
        await expectItTakesNewWrites(store);
      } finally {
        await store.close();
      }
      const db = new DatabaseSync(file);
      try {
        const applied = db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as {
          name: string;
        }[];
        expect(applied.map((row) => row.name)).toEqual(migrationNames(sqliteDialect));
        expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
      } finally {
        db.close();
      }
      // And again: a database already on Kysely's bookkeeping opens as it is.
      const again = await openSqliteStore(file);
      expect(await again.countUpdates('meet-1.map')).toBe(3);
      expect(await again.getPlanVersion(fixture.meeting.id, 1)).toEqual(agreedVersion);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const url = testPostgresUrl(process.env);
const unreachable = await whyPostgresUnreachable(url);

describe.skipIf(unreachable !== undefined && !process.env['CI'])(
  '[STORE21] a PostgreSQL schema made by main before the one store layer',
  () => {
    it('has, once opened, the tables, columns and indexes a new schema gets', async () => {
      const [old, fresh] = [newTestSchema(url), newTestSchema(url)];
      try {
        const dump = readFileSync(path.join(fixtures, 'main-v7.postgres.sql'), 'utf8');
        await old.sql.unsafe(dump.replaceAll('kinboard_fixture', old.name).replace(/^\\.*$/gm, '')).simple();
        // Migrations after version 7 run on it as on any schema.
        await (await openPostgresStore(url, { schema: old.name })).close();
        await (await openPostgresStore(url, { schema: fresh.name })).close();
        const shape = async (schema: typeof old) => ({
          columns: await schema.sql`
            SELECT table_name, column_name, data_type, is_nullable, is_identity, identity_generation
            FROM information_schema.columns
            WHERE table_schema = ${schema.name} AND table_name NOT LIKE 'kysely_%' AND table_name <> 'schema_migration'
            ORDER BY 1, 2`,
          indexes: await schema.sql`
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ${schema.name}
              AND tablename NOT LIKE 'kysely_%' AND tablename <> 'schema_migration' ORDER BY 1`,
        });
        const [oldShape, freshShape] = [await shape(old), await shape(fresh)];
        expect(JSON.parse(JSON.stringify(oldShape).replaceAll(old.name, 'S'))).toEqual(
          JSON.parse(JSON.stringify(freshShape).replaceAll(fresh.name, 'S')),
        );
      } finally {
        await old.drop();
        await fresh.drop();
      }
    }, 30_000);

    it('opens at the current version with every record, and takes new writes', async () => {
      const schema = newTestSchema(url);
      try {
        const dump = readFileSync(path.join(fixtures, 'main-v7.postgres.sql'), 'utf8');
        // psql's own commands (`\restrict`) are not SQL; the rest is run as pg_dump wrote it.
        const statements = dump.replaceAll('kinboard_fixture', schema.name).replace(/^\\.*$/gm, '');
        await schema.sql.unsafe(statements).simple();
        const store = await openPostgresStore(url, { schema: schema.name });
        try {
          await expectEverythingReadsBack(store);
          await expectItTakesNewWrites(store);
        } finally {
          await store.close();
        }
        const applied = await schema.sql<{ name: string }[]>`
          SELECT name FROM ${schema.sql(schema.name)}.kysely_migration ORDER BY name`;
        expect(applied.map((row) => row.name)).toEqual(migrationNames(postgresDialect));
        await expect(schema.sql`DELETE FROM ${schema.sql(schema.name)}.audit_log`).rejects.toThrow(
          /append-only/,
        );
      } finally {
        await schema.drop();
      }
    });
  },
);
