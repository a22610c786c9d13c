import { addCard, closeCodes, deleteCard, readCards, type Card } from '@kinboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { startSignedIn, type SignedInMeetings } from './signed-in-meeting.ts';

const fullCard = 'x'.repeat(4000);

/** How the server closed a stock client (they stop for good on 4400-4499). */
const closeCode = (client: StockClient) =>
  new Promise<number>((resolve) =>
    client.provider.on('connection-close', (event) => event && resolve(event.code)),
  );

describe('no single participant can fill a board [SYNC23]', () => {
  let world: SignedInMeetings | undefined;
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await world?.server.dispose();
  });

  async function board(name: string, cookie: string): Promise<StockClient> {
    const client = connectStockClient(world!.server.wsUrl, name, { cookie });
    clients.push(client);
    await client.synced;
    return client;
  }
  const cardsIn = (name: string, authorId: string): Card[] =>
    readCards(storedDoc(world!.server.dataDir, name)).filter((card) => card.authorId === authorId);
  const write = (doc: Y.Doc, authorId: string, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push(
        addCard(doc, {
          domain: 'pastHarm',
          text: fullCard,
          author: 'Writer',
          authorId,
          perspective: 'family',
        }),
      );
    return ids;
  };

  it('one admitted guest writing a thousand 4 KB cards meets their share; the chair writes on; deleting lifts it', async () => {
    world = await startSignedIn();
    const meeting = await world.openMeeting('Flooded');
    const name = `${meeting.meetingId}.map`;
    const chairKey = `staff:${world.chairId}`;
    const chairBoard = await board(name, world.chairCookie);
    const flooder = await world.guest(meeting, 'family');
    const phone = await board(name, flooder.cookie);
    const closed = closeCode(phone);
    write(phone.doc, flooder.key, 1000);
    expect(await closed).toBe(closeCodes.tooLarge);

    // Their share is a quarter of the 4 MiB board: about 250 full cards, and no more.
    const kept = await eventually(() => {
      const cards = cardsIn(name, flooder.key);
      expect(cards.length).toBeGreaterThan(200);
      return cards;
    });
    expect(kept.length).toBeLessThan(260);

    // The board is not frozen: the chair's card is stored and reaches another screen.
    addCard(chairBoard.doc, {
      domain: 'goals',
      text: fullCard,
      author: 'Chair',
      authorId: chairKey,
      perspective: 'professional',
    });
    await eventually(() => expect(cardsIn(name, chairKey)).toHaveLength(1));
    const witness = await board(name, world.chairCookie);
    await eventually(() =>
      expect(readCards(witness.doc).filter((card) => card.authorId === chairKey)).toHaveLength(1),
    );

    // Deleting their own cards frees their share (measured from the board, not an upper bound).
    const again = await board(name, flooder.cookie);
    await eventually(() => expect(readCards(again.doc).length).toBe(kept.length + 1));
    const theirs = readCards(again.doc).filter((card) => card.authorId === flooder.key);
    for (const card of theirs.slice(0, 100)) deleteCard(again.doc, card.id);
    await eventually(() => expect(cardsIn(name, flooder.key).length).toBe(kept.length - 100));
    // The flood also spent their share of the write rate (a 1 MiB burst, 256 KiB/s after it
    // [SYNC24]); 50 more cards (200 KB) need under a second of it back, or they are refused as
    // too fast rather than too big.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    write(again.doc, flooder.key, 50);
    await eventually(() => expect(cardsIn(name, flooder.key).length).toBe(kept.length - 50));
    expect(again.provider.wsconnected).toBe(true);
  });

  it('a board that is really full keeps a part for the chair, takes removals, and takes writes again once cleared', async () => {
    world = await startSignedIn({ MAX_DOCUMENT_BYTES: String(256 * 1024) });
    const meeting = await world.openMeeting('Full');
    const name = `${meeting.meetingId}.map`;
    const chairKey = `staff:${world.chairId}`;
    // Four guests, each within their share (64 KiB), together reach the guests' part (7/8).
    const refusals: number[] = [];
    for (let i = 0; i < 5; i++) {
      const guest = await world.guest(meeting, 'network');
      const phone = await board(name, guest.cookie);
      const closed = closeCode(phone).then((code) => refusals.push(code));
      write(phone.doc, guest.key, 15);
      await Promise.race([closed, eventually(() => expect(cardsIn(name, guest.key)).toHaveLength(15))]);
    }
    expect(refusals).toContain(closeCodes.tooLarge);
    const guestsHold = readCards(storedDoc(world.server.dataDir, name)).length;
    expect(guestsHold * 4000).toBeLessThanOrEqual((256 * 1024 * 7) / 8);

    // The chair still writes, up to the whole board, and then is refused too.
    const chairBoard = await board(name, world.chairCookie);
    const chairClosed = closeCode(chairBoard);
    write(chairBoard.doc, chairKey, 20);
    expect(await chairClosed).toBe(closeCodes.tooLarge);
    const chairCards = await eventually(() => {
      const cards = cardsIn(name, chairKey);
      expect(cards.length).toBeGreaterThan(0);
      return cards;
    });

    // Full: the chair removes guests' cards (removals always pass) and the meeting goes on.
    const clearing = await board(name, world.chairCookie);
    const all = readCards(clearing.doc);
    for (const card of all.filter((card) => card.authorId !== chairKey).slice(0, 10))
      deleteCard(clearing.doc, card.id);
    await eventually(() =>
      expect(readCards(storedDoc(world!.server.dataDir, name)).length).toBe(all.length - 10),
    );
    write(clearing.doc, chairKey, 3);
    await eventually(() => expect(cardsIn(name, chairKey).length).toBe(chairCards.length + 3));
    expect(clearing.provider.wsconnected).toBe(true);
  });
});
