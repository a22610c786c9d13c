import { addCard, closeCodes, readCards } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { frames, openRawSocket, type RawSocket } from '../helpers/raw-sync-client.ts';
import type { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const texts = (doc: Y.Doc) => readCards(doc).map((card) => card.text);
const unloadDelayMs = 100;

/**
 * [SYNC13] Ownership of a Yjs client id outlives the document in memory: it is stored with the
 * update that claimed it and loaded with the document, so neither a restart nor an unload lets
 * another participant write under someone's id. Raw frames, two admitted guests, sign-in on.
 */
describe('[SYNC13] client-id ownership survives a restart and an unload', () => {
  let server: TestServer;
  let chair: Browser;
  let name: string;
  const guests: { cookie: string; key: string }[] = [];
  const sockets: RawSocket[] = [];
  const clients: StockClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer({
      DOCUMENT_UNLOAD_DELAY_MS: String(unloadDelayMs),
      LOG_LEVEL: 'debug',
    });
    chair = (await signInStaff(server, '10.1.0.1')).browser;
    const familyId = await createFamily(chair, 'Hollis');
    const { meetingId, code } = await createOpenMeeting(chair, familyId, { title: 'Owners' });
    name = `${meetingId}.map`;
    for (const [index, person] of ['Nan', 'Dev'].entries()) {
      const guest = await joinAsGuest(server, code, {
        address: `10.2.0.${index + 1}`,
        name: person,
        relationship: 'family',
      });
      expect((await admitGuest(chair, meetingId, guest.participantId, 'family')).status).toBe(200);
      guests.push({ cookie: guest.cookie, key: guest.key });
    }
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.ws.close();
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const socketOf = async (cookie: string) => {
    const socket = openRawSocket(`${server.wsUrl}/yjs/${name}`, { cookie });
    sockets.push(socket);
    await socket.opened;
    // The server's sync step 1: the document (and its owners) are loaded.
    await eventually(() => expect(socket.received.length).toBeGreaterThan(0));
    return socket;
  };
  const watcher = async () => {
    const client = connectStockClient(server.wsUrl, name, { cookie: cookieOf(chair) });
    clients.push(client);
    await client.synced;
    return client;
  };
  const storedTexts = () => texts(storedDoc(server.dataDir, name));
  /** A guest's card, written in `doc` and sent as one update frame over `socket`. */
  const write = (socket: RawSocket, doc: Y.Doc, guest: { key: string }, text: string) => {
    const before = Y.encodeStateVector(doc);
    addCard(doc, { domain: 'pastHarm', text, author: guest.key, authorId: guest.key, perspective: 'family' });
    socket.send(frames.update(Y.encodeStateAsUpdate(doc, before)));
  };
  /** Another guest's update under `client`, built on the stored board: refused with 4403. */
  const forgeUnder = async (client: number, text: string) => {
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(storedDoc(server.dataDir, name)));
    // Set after the copy: Yjs would move a doc off an id it sees another client use.
    forger.clientID = client;
    const socket = await socketOf(guests[1]!.cookie);
    write(socket, forger, guests[1]!, text);
    const closed = await socket.closed;
    expect(closed.code).toBe(closeCodes.forbidden);
    expect(closed.reason).toMatch(/another participant’s client id/);
  };
  /** The owner keeps writing under its id; the other guest's own edits still reach everyone. */
  const bothStillWrite = async (own: Y.Doc, round: string) => {
    const screen = await watcher();
    write(await socketOf(guests[0]!.cookie), own, guests[0]!, `Nan, ${round}`);
    write(await socketOf(guests[1]!.cookie), new Y.Doc(), guests[1]!, `Dev's own card, ${round}`);
    for (const text of [`Nan, ${round}`, `Dev's own card, ${round}`]) {
      await eventually(() => expect(storedTexts()).toContain(text));
      await eventually(() => expect(texts(screen.doc)).toContain(text));
    }
  };

  it('[SYNC13] after a restart, and after the document unloads and reloads, nobody else writes under an id', async () => {
    const nan = new Y.Doc();
    write(await socketOf(guests[0]!.cookie), nan, guests[0]!, 'Nan, before the restart');
    await eventually(() => expect(storedTexts()).toContain('Nan, before the restart'));

    // The server restarts: what it knew in memory about the id is gone; the store still has it.
    for (const socket of sockets.splice(0)) socket.ws.close();
    server = await server.restart();
    await forgeUnder(nan.clientID, 'forged after the restart');
    await bothStillWrite(nan, 'after the restart');

    // Everyone leaves; the document unloads (and is compacted), then loads again on demand.
    const unloadsBefore = (server.output().match(/document unloaded/g) ?? []).length;
    for (const socket of sockets.splice(0)) socket.ws.close();
    for (const client of clients.splice(0)) client.destroy();
    await eventually(() =>
      expect((server.output().match(/document unloaded/g) ?? []).length).toBeGreaterThan(unloadsBefore),
    );
    await forgeUnder(nan.clientID, 'forged after the reload');
    await bothStillWrite(nan, 'after the reload');

    expect(storedTexts().filter((text) => text.startsWith('forged'))).toEqual([]);
  });
});
