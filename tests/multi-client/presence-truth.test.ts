import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
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
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

/** What `watcher` sees of `client`'s presence. */
const seenOf = (watcher: StockClient, client: StockClient) =>
  watcher.provider.awareness.getStates().get(client.doc.clientID);

describe('presence carries the name and role of who was let in, not what the client claims', () => {
  let server: TestServer;
  let chair: Browser;
  let meetingId: string;
  let code: string;
  const clients: StockClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer({ ADMIN_NAME: 'Jo Carter' });
    chair = (await signInStaff(server, '10.3.0.1')).browser;
    const familyId = await createFamily(chair, 'Hollis');
    ({ meetingId, code } = await createOpenMeeting(chair, familyId, { title: 'Presence' }));
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function stock(cookie: string, params?: Record<string, string>): Promise<StockClient> {
    const client = connectStockClient(server.wsUrl, `${meetingId}.map`, { cookie, params });
    clients.push(client);
    await client.synced;
    return client;
  }

  async function admittedGuest(
    name: string,
    role: string,
  ): Promise<{ cookie: string; participantId: string }> {
    const guest = await joinAsGuest(server, code, { address: '10.4.0.1', name, relationship: 'aunt' });
    expect(guest.joined.status).toBe(201);
    expect((await admitGuest(chair, meetingId, guest.participantId, role)).status).toBe(200);
    return { cookie: guest.cookie, participantId: guest.participantId };
  }

  it('[ACCESS19] a guest claiming to be "Social worker" with role staff is seen under their joined name and given role', async () => {
    const guest = await admittedGuest('Auntie May', 'family');
    const watcher = await stock(cookieOf(chair));
    const liar = await stock(guest.cookie);
    liar.provider.awareness.setLocalState({
      name: 'Social worker',
      role: 'staff',
      screen: 'phone',
      column: 'worries',
      typing: 'card-1',
    });
    await eventually(() =>
      expect(seenOf(watcher, liar)).toEqual({
        name: 'Auntie May',
        role: 'family',
        screen: 'phone',
        column: 'worries',
        typing: 'card-1',
        user: { name: 'Auntie May', role: 'family' },
      }),
    );

    // A role the chair changes is the role seen from the client's next presence on; an observer
    // only reads, so the server decides its screen, column and typing [SYNC26].
    const changed = await chair.post(`/api/meetings/${meetingId}/participants/${guest.participantId}/role`, {
      role: 'observer',
    });
    expect(changed.status).toBe(200);
    liar.provider.awareness.setLocalStateField('column', 'workingWell');
    await eventually(() =>
      expect(seenOf(watcher, liar)).toEqual({
        name: 'Auntie May',
        role: 'observer',
        screen: 'phone',
        column: null,
        typing: null,
        user: { name: 'Auntie May', role: 'observer' },
      }),
    );
  });

  it('[SYNC26] only the schema’s fields are relayed, at every depth; names and roles under `user` come from the record', async () => {
    const guest = await admittedGuest('Uncle Ray', 'network');
    const watcher = await stock(cookieOf(chair));
    const liar = await stock(guest.cookie);
    liar.provider.awareness.setLocalState({
      name: 'Social worker',
      screen: 'chair',
      column: 'not a column',
      typing: { nested: 'object' },
      extra: 'x'.repeat(500),
      user: { name: 'Social worker', role: 'staff', color: '#30bced', badge: { admin: true } },
    });
    await eventually(() =>
      expect(seenOf(watcher, liar)).toEqual({
        name: 'Uncle Ray',
        role: 'network',
        screen: 'chair',
        user: { name: 'Uncle Ray', role: 'network', color: '#30bced' },
      }),
    );
  });

  it('[ACCESS19] staff are seen under their staff name, as the projector on a projector screen', async () => {
    const staffName = 'Jo Carter';
    const watcher = await stock(cookieOf(chair));
    const desk = await stock(cookieOf(chair));
    desk.provider.awareness.setLocalState({ name: 'Someone else', role: 'family', column: 'needsToHappen' });
    const projector = await stock(cookieOf(chair), { screen: 'projector' });
    projector.provider.awareness.setLocalState({
      name: 'Wall',
      role: 'staff',
      screen: 'chair',
      typing: 'c_1',
    });
    const user = (role: string) => ({ name: staffName, role });
    await eventually(() => {
      expect(seenOf(watcher, desk)).toEqual({
        name: staffName,
        role: 'staff',
        column: 'needsToHappen',
        user: user('staff'),
      });
      // The projector only reads: what it says of itself is the server's [SYNC26].
      expect(seenOf(watcher, projector)).toEqual({
        name: staffName,
        role: 'projector',
        screen: 'projector',
        column: null,
        typing: null,
        user: user('projector'),
      });
    });
  });
});
