import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore, openSqliteStore } from './open-store.ts';
import { newTestSchema, testPostgresUrl, whyPostgresUnreachable } from './postgres-testing.ts';
import type { Store } from './store.ts';

const url = testPostgresUrl(process.env);
const unreachable = await whyPostgresUnreachable(url);

/** A word that appears nowhere else, one per place a family's words can go. */
const words = {
  family: 'Quillfeather',
  child: 'Marigoldine',
  network: 'Thistlewick',
  relationship: 'Godmotherish',
  card: 'Zephyrcrumb',
  guest: 'Brambleton',
  question: 'Snowglobular',
  reason: 'Lanternmoth',
  plan: 'Pebbleshore',
  drawing: 'Inkwellian',
  holder: 'Honeysuckled',
  journal: 'Dandelionic',
  reply: 'Kettlebrook',
  copy: 'Featherquillby',
  viewBefore: 'Owlbrookish',
  viewSender: 'Harebellow',
  photo: 'Pinecastlery',
};

function board(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Writes the family's words everywhere the store keeps a family's words, the other family beside it. */
async function writeFamily(store: Store, familyId: string, suffix: string): Promise<void> {
  const meetingId = `${familyId}-m`;
  await store.createMeeting({
    family: { id: familyId, name: `${words.family}${suffix}`, createdAt: 1 },
    children: [{ id: `${familyId}-c`, familyId, name: `${words.child}${suffix}` }],
    network: [
      {
        id: `${familyId}-n`,
        familyId,
        name: `${words.network}${suffix}`,
        relationship: `${words.relationship}${suffix}`,
      },
    ],
    meeting: {
      id: meetingId,
      familyId,
      type: 'family-network-meeting',
      title: 'Meeting',
      date: '2026-12-01',
      state: 'open',
      createdAt: 2,
    },
    documents: [{ documentName: `${meetingId}.map`, update: board(`${words.card}${suffix} first`) }],
  });
  for (let i = 0; i < 5; i++)
    await store.appendUpdates([
      { documentName: `${meetingId}.map`, update: board(`${words.card}${suffix} ${i}`) },
    ]);
  await store.addParticipant({
    id: `${familyId}-p`,
    meetingId,
    name: `${words.guest}${suffix}`,
    relationship: `${words.relationship}${suffix}`,
    status: 'waiting',
    passHash: 'hash',
    createdAt: 3,
  });
  await store.startScalingRound({
    id: `${familyId}-r`,
    meetingId,
    question: {
      questionId: 'q1',
      text: `${words.question}${suffix}?`,
      zeroMeans: 'no',
      tenMeans: 'yes',
      tiedTo: { kind: 'standalone' },
    },
    named: true,
    open: false,
    startedAt: 10,
    startedBy: 'staff-1',
  });
  await store.saveScalingAnswer({
    roundId: `${familyId}-r`,
    participantKey: 'guest:x',
    name: `${words.guest}${suffix}`,
    role: 'family',
    value: 5,
    reason: `${words.reason}${suffix}`,
    answeredAt: 20,
  });
  await store.revealScalingRound(`${familyId}-r`, 30);
  await store.startPlanAgreement(meetingId, 1);
  await store.finalisePlanVersion({
    meetingId,
    familyId,
    version: 1,
    startedAt: 10,
    agreedAt: 40,
    agreedBy: 'staff-1',
    documents: [{ part: 'plan', data: board(`${words.plan}${suffix}`) }],
    board: {
      statements: [],
      bottomLines: [],
      cards: [],
      rules: [],
      fireDrills: [],
      nextSteps: [],
      trajectory: [],
      notes: { contingency: `${words.plan}${suffix}`, safetyObject: '' },
    },
    participants: [{ participantKey: 'guest:x', name: `${words.guest}${suffix}`, role: 'family' }],
    answers: [],
  });
  await store.saveDrawingImage({
    meetingId,
    canvas: 'story',
    png: new TextEncoder().encode(`${words.drawing}${suffix}`),
    updatedAt: 50,
    updatedBy: 'staff:s',
  });
  // A pass, its journal entry and a worker's reply [PASS12].
  await store.createStaff({
    id: `${familyId}-s`,
    email: `${familyId}@example.org`,
    name: 'Worker',
    role: 'staff',
    passwordHash: 'x',
    createdAt: 1,
    disabled: false,
  });
  await store.createPass({
    id: `${familyId}-pass`,
    familyId,
    kind: 'between-meetings',
    holderName: `${words.holder}${suffix}`,
    relationship: `${words.relationship}${suffix}`,
    personKey: `name:${words.holder}${suffix}`,
    secretHash: 'hash',
    createdAt: 60,
    createdBy: `${familyId}-s`,
    endsAt: 1000,
    allowPhotos: true,
  });
  await store.addJournalEntry(
    {
      id: `${familyId}-entry`,
      familyId,
      passId: `${familyId}-pass`,
      authorName: `${words.holder}${suffix}`,
      authorRelationship: `${words.relationship}${suffix}`,
      writtenAt: 70,
      happenedOn: '2026-12-02',
      text: `${words.journal}${suffix}`,
      whoWasThere: `${words.child}${suffix}`,
      planHeld: 'held',
      ruleId: 'r1',
      ruleText: `${words.plan}${suffix}`,
    },
    { since: 0, most: 10 },
    { contentType: 'image/png', data: new TextEncoder().encode(`${words.photo}${suffix}`) },
  );
  await store.addJournalReply({
    id: `${familyId}-reply`,
    entryId: `${familyId}-entry`,
    familyId,
    staffId: `${familyId}-s`,
    text: `${words.reply}${suffix}`,
    writtenAt: 80,
  });
  await store.recordCopyGiven({
    id: `${familyId}-copy`,
    familyId,
    meetingId,
    version: 1,
    what: 'family-plan',
    personKey: null,
    recipientName: `${words.copy}${suffix}`,
    method: 'email',
    address: `${words.copy}${suffix}@family.example`,
    staffId: 'staff-1',
    participantKey: null,
    givenAt: 60,
  });
  await store.saveViewBefore(
    {
      id: `${familyId}-v`,
      meetingId,
      senderKey: 'pass:x',
      name: `${words.viewSender}${suffix}`,
      relationship: `${words.relationship}${suffix}`,
      worries: `${words.viewBefore}${suffix}`,
      workingWell: '',
      offers: '',
      scaling: [],
      sentAt: 60,
    },
    { perSender: 3, perMeeting: 60 },
  );
  await store.setDraftsShare(meetingId, { shareFrom: 70, setBy: 'staff-1', setAt: 60 });
}

/** [ERASE1] [ERASE2] [ERASE4]: refused while open, then everything of the family goes, the other family stays. */
async function eraseAndCheck(store: Store): Promise<void> {
  await writeFamily(store, 'fam-gone', 'A');
  await writeFamily(store, 'fam-kept', 'B');
  expect(await store.eraseFamily('fam-gone')).toBe('meeting-open');
  expect(await store.getFamily('fam-gone')).toBeDefined();
  await store.closeMeeting('fam-gone-m');
  expect(await store.eraseFamily('fam-gone')).toBe('erased');
  expect(await store.eraseFamily('fam-gone')).toBe('not-found');
  expect(await store.getFamily('fam-gone')).toBeUndefined();
  expect(await store.getFamily('fam-kept')).toBeDefined();
  expect(await store.countUpdates('fam-kept-m.map')).toBeGreaterThan(0);
  expect(await store.getPass('fam-gone-pass')).toBeUndefined();
  expect((await store.listJournalOfFamily('fam-gone')).entries).toEqual([]);
  expect((await store.listJournalOfFamily('fam-kept')).entries).toHaveLength(1);
}

function expectNoneOf(text: string, suffix: string): void {
  for (const word of Object.values(words)) expect(text, word).not.toContain(`${word}${suffix}`);
}

/** The search itself finds every kind of word: the family kept has them all. */
function expectAllOf(text: string, suffix: string): void {
  for (const word of Object.values(words)) expect(text, word).toContain(`${word}${suffix}`);
}

describe('erasing a family', () => {
  it('[ERASE2] [ERASE6] SQLite: no byte of the family is left in the file or its WAL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-erase-'));
    try {
      const store = await openSqliteStore(path.join(dir, 'kinboard.db'));
      try {
        await eraseAndCheck(store);
        // Read while the store is still open: the WAL is what a running server leaves.
        const raw = readdirSync(dir)
          .map((name) => readFileSync(path.join(dir, name)).toString('latin1'))
          .join('\n');
        expectNoneOf(raw, 'A');
        expectAllOf(raw, 'B');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(unreachable !== undefined)(
    "[ERASE2] [ERASE6] PostgreSQL: no row of any table holds the family's words",
    async () => {
      const schema = newTestSchema(url);
      try {
        const store = await openPostgresStore(url, { schema: schema.name });
        try {
          await eraseAndCheck(store);
        } finally {
          await store.close();
        }
        const tables = await schema.sql<{ table_name: string }[]>`
          SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema.name}`;
        expect(tables.length).toBeGreaterThan(15);
        let all = '';
        for (const { table_name } of tables) {
          const rows = await schema.sql<{ row: string }[]>`
            SELECT t::text AS row FROM ${schema.sql(schema.name)}.${schema.sql(table_name)} t`;
          // Byte columns print as hex: decode them too.
          for (const { row } of rows) {
            all += row;
            for (const [, hex] of row.matchAll(/\\\\x([0-9a-f]+)/g))
              all += Buffer.from(hex ?? '', 'hex').toString('latin1');
          }
        }
        expectNoneOf(all, 'A');
        expectAllOf(all, 'B');
      } finally {
        await schema.drop();
      }
    },
  );
});
