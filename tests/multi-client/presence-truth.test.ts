import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from './access-http.ts';

const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

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
    server = await startServer({
      env: {
        REQUIRE_SIGN_IN: 'true',
        TRUST_PROXY: 'true',
        ADMIN_EMAIL: 'chair@example.org',
        ADMIN_PASSWORD: adminPassword,
        ADMIN_NAME: 'Jo Carter',
      },
    });
    chair = new Browser(server, '10.3.0.1');
    await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
    const familyId: string = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;
    const made = await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title: 'Presence',
    });
    meetingId = made.body.meeting.id;
    code = (await chair.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
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
    const phone = new Browser(server, '10.4.0.1');
    const joined = await phone.post('/api/join', { code, name, relationship: 'aunt' });
    expect(joined.status).toBe(201);
    const participantId: string = joined.body.participantId;
    const admitted = await chair.post(`/api/meetings/${meetingId}/participants/${participantId}/admit`, {
      role,
    });
    expect(admitted.status).toBe(200);
    return { cookie: cookieOf(phone), participantId };
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
