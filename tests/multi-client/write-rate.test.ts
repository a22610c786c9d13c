import { addCard, closeCodes, readCards } from '@kinboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { startSignedIn, type SignedInMeetings } from './signed-in-meeting.ts';

const fullCard = 'y'.repeat(4000);

describe('no single participant can take a meeting’s write rate [SYNC24]', () => {
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

  it('a guest pasting 600 full cards at once is stopped past the 1 MiB burst with 4429; the chair writes on', async () => {
    // A board big enough that the guest's share of it (a quarter, 4 MiB) is not what stops them.
    world = await startSignedIn({ MAX_DOCUMENT_BYTES: String(16 * 1024 * 1024) });
    const meeting = await world.openMeeting('Fast');
    const name = `${meeting.meetingId}.map`;
    const chairKey = `staff:${world.chairId}`;
    const chairBoard = await board(name, world.chairCookie);
    const guest = await world.guest(meeting, 'network');
    const phone = await board(name, guest.cookie);
    const closed = new Promise<number>((resolve) =>
      phone.provider.on('connection-close', (event) => event && resolve(event.code)),
    );
    for (let i = 0; i < 600; i++)
      addCard(phone.doc, {
        domain: 'existingStrengths',
        text: fullCard,
        author: 'Fast',
        authorId: guest.key,
        perspective: 'network',
      });
    expect(await closed).toBe(closeCodes.tooMany);

    // What was applied before the limit is kept: about the burst's worth (1 MiB, ~250 cards).
    const theirs = () =>
      readCards(storedDoc(world!.server.dataDir, name)).filter((card) => card.authorId === guest.key);
    const kept = await eventually(() => {
      const cards = theirs();
      expect(cards.length).toBeGreaterThan(150);
      return cards;
    });
    expect(kept.length).toBeLessThan(400);

    // The rate is theirs alone: the chair's card is stored and reaches another screen.
    addCard(chairBoard.doc, {
      domain: 'existingStrengths',
      text: 'The chair writes on',
      author: 'Chair',
      authorId: chairKey,
      perspective: 'professional',
    });
    const witness = await board(name, world.chairCookie);
    await eventually(() =>
      expect(readCards(witness.doc).some((card) => card.text === 'The chair writes on')).toBe(true),
    );
  });
});
