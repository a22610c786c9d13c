import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { closeCodes, drawingRecordsRoot } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
  type OpenMeeting,
} from '../helpers/meeting-harness.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc, storedRows } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const shapesOf = (records: Map<string, unknown> | { keys(): IterableIterator<string> }) =>
  [...records.keys()].filter((id) => id.startsWith('shape:')).sort();

/** The smallest valid PNG: a 1x1 transparent pixel. */
const pixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('[DRAW1] [DRAW2] [DRAW4] drawings live, kept, and written only by who may draw', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;
  const clients: StockClient[] = [];

  beforeAll(async () => {
    server = await startSignedInServer({ TLDRAW_LICENSE_KEY: 'tldraw-test-key' });
    chair = (await signInStaff(server, '10.4.0.1')).browser;
    familyId = await createFamily(chair, 'Hollis', {
      children: [{ name: 'Ella' }],
      network: [{ name: 'Gran Rose', relationship: 'grandmother', contact: '07700 900000' }],
    });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server.dispose();
  });

  let phones = 0;
  const openMeeting = () => createOpenMeeting(chair, familyId, { title: 'Drawings' });

  async function guest(meeting: OpenMeeting, role: string) {
    phones += 1;
    const joined = await joinAsGuest(server, meeting.code, {
      address: `10.5.0.${phones}`,
      name: `Guest ${phones}`,
      relationship: 'aunt',
    });
    await admitGuest(chair, meeting.meetingId, joined.participantId, role);
    return joined.phone;
  }

  function stock(name: string, cookie: string) {
    const client = connectStockClient(server.wsUrl, name, { cookie });
    clients.push(client);
    return client;
  }

  const closeCode = (client: StockClient) =>
    new Promise<number>((resolve) =>
      client.provider.on('connection-close', (event) => event && resolve(event.code)),
    );

  it('a family member’s shape reaches the chair and is stored; an observer’s is refused with 4423', async () => {
    const meeting = await openMeeting();
    const name = `${meeting.meetingId}.drawing-houses`;
    const family = await guest(meeting, 'family');
    const observer = await guest(meeting, 'observer');

    const chairScreen = stock(name, cookieOf(chair));
    const familyScreen = stock(name, cookieOf(family));
    await Promise.all([chairScreen.synced, familyScreen.synced]);
    familyScreen.doc
      .getMap(drawingRecordsRoot)
      .set('shape:family', { id: 'shape:family', typeName: 'shape' });
    await eventually(() =>
      expect(shapesOf(chairScreen.doc.getMap(drawingRecordsRoot))).toEqual(['shape:family']),
    );
    await eventually(() =>
      expect(shapesOf(storedDoc(server.dataDir, name).getMap(drawingRecordsRoot))).toEqual(['shape:family']),
    );

    const watcher = stock(name, cookieOf(observer));
    await watcher.synced;
    // Reading is fine: the observer sees the drawing.
    expect(shapesOf(watcher.doc.getMap(drawingRecordsRoot))).toEqual(['shape:family']);
    const rowsBefore = storedRows(server.dataDir, name).length;
    const closed = closeCode(watcher);
    watcher.doc.getMap(drawingRecordsRoot).set('shape:observer', { id: 'shape:observer', typeName: 'shape' });
    expect(await closed).toBe(closeCodes.refusedEdit);
    expect(storedRows(server.dataDir, name).length).toBe(rowsBefore);
    const witness = stock(name, cookieOf(chair));
    await witness.synced;
    expect(shapesOf(witness.doc.getMap(drawingRecordsRoot))).toEqual(['shape:family']);
  });

  it('a drawing document holds only its own roots: a card root is refused', async () => {
    const meeting = await openMeeting();
    const name = `${meeting.meetingId}.drawing-story`;
    const screen = stock(name, cookieOf(chair));
    await screen.synced;
    const closed = closeCode(screen);
    screen.doc.getMap('cards').set('card', 'not here');
    expect(await closed).toBe(closeCodes.badMessage);
  });

  it('keeps the latest PNG of a canvas from who may draw; refuses observers, strangers and non-PNGs', async () => {
    const meeting = await openMeeting();
    const family = await guest(meeting, 'family');
    const observer = await guest(meeting, 'observer');
    const stranger = new Browser(server, '10.6.0.1');
    const url = `/api/meetings/${meeting.meetingId}/drawings/genogram/image`;
    const png = pixelPng.toString('base64');

    expect((await stranger.request('PUT', url, { png })).status).toBe(401);
    expect((await observer.request('PUT', url, { png })).status).toBe(403);
    const notPng = await family.request('PUT', url, {
      png: Buffer.from('GIF89a, not a png').toString('base64'),
    });
    expect(notPng).toMatchObject({ status: 400, body: { field: 'png' } });
    expect((await family.request('PUT', url, { png: 'not base64!' })).status).toBe(400);
    // Past the signature the picture must decode: garbage after it, or a real PNG cut short, is refused.
    const signature = pixelPng.subarray(0, 8);
    for (const broken of [
      Buffer.concat([signature, Buffer.from('not really a picture at all, just words')]),
      pixelPng.subarray(0, pixelPng.length - 20),
    ]) {
      const refused = await family.request('PUT', url, { png: broken.toString('base64') });
      expect(refused).toMatchObject({ status: 400, body: { field: 'png' } });
      expect(refused.body.message).toMatch(/could not be read/);
    }
    expect(
      (await family.request('PUT', `/api/meetings/${meeting.meetingId}/drawings/elsewhere/image`, { png }))
        .status,
    ).toBe(404);
    expect(imagesOf(meeting.meetingId)).toEqual([]);

    expect((await family.request('PUT', url, { png })).status).toBe(200);
    const [image] = imagesOf(meeting.meetingId);
    expect(image?.canvas).toBe('genogram');
    expect(Buffer.from(image!.png).equals(pixelPng)).toBe(true);
    expect(image?.updated_by).toMatch(/^guest:/);
  });

  it('[DRAW5] lists the family’s children and network, without contact details, to who may draw', async () => {
    const meeting = await openMeeting();
    const family = await guest(meeting, 'family');
    const observer = await guest(meeting, 'observer');
    const url = `/api/meetings/${meeting.meetingId}/drawings/people`;
    expect((await observer.get(url)).status).toBe(403);
    expect((await new Browser(server, '10.6.0.2').get(url)).status).toBe(401);
    const answer = await family.get(url);
    expect(answer.status).toBe(200);
    expect(answer.body.people).toEqual([
      { key: expect.stringMatching(/^child:/), kind: 'child', name: 'Ella', relationship: '' },
      {
        key: expect.stringMatching(/^network:/),
        kind: 'network',
        name: 'Gran Rose',
        relationship: 'grandmother',
      },
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('07700');
  });

  it('hands the configured tldraw licence key to the drawing page', async () => {
    const answer = await chair.get('/api/drawings/settings');
    expect(answer.body).toEqual({ licenseKey: 'tldraw-test-key' });
  });

  function imagesOf(meetingId: string) {
    const db = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'), { readOnly: true });
    try {
      return db
        .prepare('SELECT canvas, png, updated_by FROM drawing_image WHERE meeting_id = ?')
        .all(meetingId) as unknown as { canvas: string; png: Uint8Array; updated_by: string }[];
    } finally {
      db.close();
    }
  }
});

describe('[DRAW4] drawing images without sign-in (loopback development only [ACCESS18])', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { REQUIRE_SIGN_IN: 'false' } });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('keeps an image for a meeting that exists, as anyone may draw there, and refuses an unknown meeting', async () => {
    const browser = new Browser(server);
    const png = pixelPng.toString('base64');
    expect(
      (await browser.request('PUT', '/api/meetings/demo-hollis/drawings/story/image', { png })).status,
    ).toBe(200);
    expect(
      (await browser.request('PUT', '/api/meetings/no-such-meeting/drawings/story/image', { png })).status,
    ).toBe(404);
    const db = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'), { readOnly: true });
    try {
      expect(db.prepare('SELECT canvas, updated_by FROM drawing_image').all()).toEqual([
        { canvas: 'story', updated_by: 'anonymous' },
      ]);
    } finally {
      db.close();
    }
  });
});
