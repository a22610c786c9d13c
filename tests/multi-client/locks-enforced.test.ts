import { addCard, closeCodes, editCardText, moveCard, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import { admitGuest, cookieOf, createOpenMeeting, joinAsGuest } from '../helpers/meeting-harness.ts';
import { useMeetingSuite } from '../helpers/meeting-suite.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const texts = (doc: Y.Doc) => readCards(doc).map((card) => card.text);
const domainOf = (doc: Y.Doc, id: string) => readCards(doc).find((card) => card.id === id)?.domain;

/** How the server closed a stock client (they stop for good on 4400-4499). */
const closeCode = (client: StockClient) =>
  new Promise<number>((resolve) =>
    client.provider.on('connection-close', (event) => event && resolve(event.code)),
  );

describe('[ACCESS20] the server refuses edits in a column the chair locked (REQUIRE_SIGN_IN=true)', () => {
  const suite = useMeetingSuite({ chairAddress: '10.1.0.1', family: 'Hollis' });
  const stock = (name: string, cookie: string) => suite.stock(name, cookie);

  it('[ACCESS20] a family guest cannot edit, add or move cards in a locked column; the chair can; unlocking lets them again', async () => {
    const { server, chair, familyId } = suite;
    const { meetingId, code } = await createOpenMeeting(chair, familyId, { title: 'Locks' });
    const family = await joinAsGuest(server, code, {
      address: '10.2.0.1',
      name: 'Nan',
      relationship: 'aunt',
    });
    expect((await admitGuest(chair, meetingId, family.participantId, 'family')).status).toBe(200);
    const name = `${meetingId}.map`;

    const chairBoard = await stock(name, cookieOf(chair));
    let phone = await stock(name, family.cookie);
    const card = (domain: 'existingStrengths' | 'pastHarm', text: string) =>
      addCard(phone.doc, { domain, text, author: 'Nan', authorId: family.key, perspective: 'family' });
    const strength = card('existingStrengths', 'Nan walks them to school');
    const worry = card('pastHarm', 'The car broke down');
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toEqual(
        expect.arrayContaining(['Nan walks them to school', 'The car broke down']),
      ),
    );

    const chairSocket = await suite.enter(cookieOf(chair), meetingId, 'chair');
    expect(await request(chairSocket, 'chair:lock', { column: 'workingWell', locked: true })).toMatchObject({
      ok: true,
      value: { lockedColumns: ['workingWell'] },
    });

    // Editing a card in the locked column: refused with 4423 (start afresh), nothing applied, stored or relayed.
    const storedBefore = Y.encodeStateAsUpdate(storedDoc(server.dataDir, name));
    let closed = closeCode(phone);
    editCardText(phone.doc, strength, 'Rewritten while locked');
    expect(await closed).toBe(closeCodes.refusedEdit);
    const witness = await stock(name, cookieOf(chair));
    expect(texts(witness.doc)).toContain('Nan walks them to school');
    expect(texts(witness.doc)).not.toContain('Rewritten while locked');
    expect(texts(chairBoard.doc)).not.toContain('Rewritten while locked');
    expect(Y.encodeStateAsUpdate(storedDoc(server.dataDir, name))).toEqual(storedBefore);

    // Adding a card there, or moving one in, is refused the same way.
    phone = await stock(name, family.cookie);
    closed = closeCode(phone);
    card('existingStrengths', 'A new strength while locked');
    expect(await closed).toBe(closeCodes.refusedEdit);
    phone = await stock(name, family.cookie);
    closed = closeCode(phone);
    moveCard(phone.doc, worry, 'existingSafety');
    expect(await closed).toBe(closeCodes.refusedEdit);
    expect(domainOf(storedDoc(server.dataDir, name), worry)).toBe('pastHarm');
    expect(texts(storedDoc(server.dataDir, name))).not.toContain('A new strength while locked');

    // An unlocked column still takes the guest's edits.
    phone = await stock(name, family.cookie);
    editCardText(phone.doc, worry, 'The car broke down twice');
    await eventually(() => expect(texts(chairBoard.doc)).toContain('The car broke down twice'));
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('The car broke down twice'),
    );

    // The chair (staff) still edits the locked column.
    editCardText(chairBoard.doc, strength, 'Nan walks them to school, the chair noted');
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('Nan walks them to school, the chair noted'),
    );

    // Unlocked: the guest's edit goes through.
    expect(await request(chairSocket, 'chair:lock', { column: 'workingWell', locked: false })).toMatchObject({
      ok: true,
      value: { lockedColumns: [] },
    });
    await eventually(() => expect(texts(phone.doc)).toContain('Nan walks them to school, the chair noted'));
    editCardText(phone.doc, strength, 'Nan walks them to school every day');
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, name))).toContain('Nan walks them to school every day'),
    );
    // Relayed only after it is stored, so the chair's copy may lag the store by a moment.
    await eventually(() => expect(texts(chairBoard.doc)).toContain('Nan walks them to school every day'));
  });
});

describe('[ACCESS20] with REQUIRE_SIGN_IN=false nobody has a staff identity: locks bind every connection', () => {
  let server: TestServer;
  const clients: StockClient[] = [];
  let chair: RealtimeClient;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    chair?.disconnect();
    await server.dispose();
  });

  it('[ACCESS20] an edit in a locked column is refused with 4423; other columns and unlocking work', async () => {
    const name = 'demo-hollis.map';
    const stock = async () => {
      const client = connectStockClient(server.wsUrl, name);
      clients.push(client);
      await client.synced;
      return client;
    };
    let board = await stock();
    const other = await stock();
    const strength = addCard(board.doc, {
      domain: 'existingStrengths',
      text: 'Open strength',
      author: 'Nan',
      perspective: 'family',
    });
    const worry = addCard(board.doc, {
      domain: 'pastHarm',
      text: 'Open worry',
      author: 'Nan',
      perspective: 'family',
    });
    await eventually(() => expect(texts(other.doc)).toContain('Open worry'));

    chair = connectRealtime(server.url);
    expect(
      await request(chair, 'meeting:enter', { meetingId: 'demo-hollis', screen: 'chair' }),
    ).toMatchObject({
      ok: true,
    });
    await request(chair, 'chair:lock', { column: 'workingWell', locked: true });

    const closed = closeCode(board);
    editCardText(board.doc, strength, 'Locked rewrite');
    expect(await closed).toBe(closeCodes.refusedEdit);
    board = await stock();
    expect(texts(board.doc)).not.toContain('Locked rewrite');
    expect(texts(other.doc)).not.toContain('Locked rewrite');
    expect(texts(storedDoc(server.dataDir, name))).not.toContain('Locked rewrite');

    editCardText(board.doc, worry, 'Open worry, edited');
    await eventually(() => expect(texts(other.doc)).toContain('Open worry, edited'));

    await request(chair, 'chair:lock', { column: 'workingWell', locked: false });
    editCardText(board.doc, strength, 'Open strength, edited');
    await eventually(() => expect(texts(storedDoc(server.dataDir, name))).toContain('Open strength, edited'));
  });
});
