import { addCard, checkBoardRoots, closeCodes, readCards } from '@kinboard/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { presenceFrame } from '../helpers/presence-frames.ts';
import { frames, openRawSocket, type RawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc, storedRows } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';
const texts = (doc: Y.Doc) => readCards(doc).map((card) => card.text);

describe('the server trusts nothing it is sent', () => {
  let server: TestServer;
  const clients: StockClient[] = [];
  const sockets: RawSocket[] = [];
  const connect = async (name = demo) => {
    const client = connectStockClient(server.wsUrl, name);
    clients.push(client);
    await client.synced;
    return client;
  };
  /** A raw socket that has received the server's sync step 1, so the document is loaded. */
  const rawSocket = async (name = demo) => {
    const socket = openRawSocket(`${server.wsUrl}/yjs/${name}`);
    sockets.push(socket);
    await socket.opened;
    await eventually(() => expect(socket.received.length).toBeGreaterThan(0));
    return socket;
  };
  /** An edit from a stock client reaches a fresh client and the store: the board still works. */
  const stillWorks = async (writer: StockClient, text: string) => {
    addCard(writer.doc, { domain: 'goals', text, author: 'Writer', perspective: 'network' });
    const newcomer = await connect();
    await eventually(() => expect(texts(newcomer.doc)).toContain(text));
    await eventually(() => expect(texts(storedDoc(server.dataDir, demo))).toContain(text));
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.ws.close();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('[SYNC12] an update creating an unknown root is refused with 4400; the stored board stays clean', async () => {
    const writer = await connect();
    const socket = await rawSocket();
    const hostile = new Y.Doc();
    hostile.getMap('notes').set('hidden', 'never rendered or exported');
    socket.send(frames.update(Y.encodeStateAsUpdate(hostile)));
    expect((await socket.closed).code).toBe(closeCodes.badMessage);

    await stillWorks(writer, 'after an unknown root');
    const stored = storedDoc(server.dataDir, demo);
    expect(checkBoardRoots(stored, 'map')).toEqual([]);
    expect(stored.share.has('notes')).toBe(false);
  });

  it('[SYNC12] a root of the other document, or of the wrong type, is refused with 4400', async () => {
    for (const build of [
      (doc: Y.Doc) => doc.getArray('agenda').push(['a frame root in the map document']),
      (doc: Y.Doc) => doc.getArray('cards').push(['cards as a list']),
    ]) {
      const socket = await rawSocket();
      const hostile = new Y.Doc();
      build(hostile);
      socket.send(frames.update(Y.encodeStateAsUpdate(hostile)));
      expect((await socket.closed).code).toBe(closeCodes.badMessage);
    }
    expect(checkBoardRoots(storedDoc(server.dataDir, demo), 'map')).toEqual([]);
  });

  it('[SYNC12] types nested deeper than the board, or of a kind it does not use, are refused with 4400', async () => {
    const writer = await connect();
    // Depth 5: root map → map → map → map → text. The board needs 3 (root → card → text).
    const deep = new Y.Doc();
    let level = deep.getMap('cards');
    for (let depth = 2; depth <= 4; depth++) {
      const next = new Y.Map<unknown>();
      level.set(`deep-${depth}`, next);
      level = next;
    }
    level.set('text', new Y.Text('too deep'));
    const xml = new Y.Doc();
    xml.getMap('cards').set('xml', new Y.XmlElement('script'));
    // The nesting spread over two updates: the second builds on a map the first created.
    const stepwise = new Y.Doc();
    const outer = new Y.Map<unknown>();
    stepwise.getMap('cards').set('stepwise', outer);
    const first = Y.encodeStateAsUpdate(stepwise);
    const afterFirst = Y.encodeStateVector(stepwise);
    const middle = new Y.Map<unknown>();
    outer.set('middle', middle);
    const inner = new Y.Map<unknown>();
    middle.set('inner', inner);
    inner.set('deepest', new Y.Map());

    for (const update of [Y.encodeStateAsUpdate(deep), Y.encodeStateAsUpdate(xml)]) {
      const socket = await rawSocket();
      socket.send(frames.update(update));
      expect((await socket.closed).code).toBe(closeCodes.badMessage);
    }
    const socket = await rawSocket();
    socket.send(frames.update(first));
    socket.send(frames.update(Y.encodeStateAsUpdate(stepwise, afterFirst)));
    expect((await socket.closed).code).toBe(closeCodes.badMessage);

    await stillWorks(writer, 'after deep nesting');
    const cards = storedDoc(server.dataDir, demo).getMap('cards');
    expect(cards.has('deep-2')).toBe(false);
    expect(cards.has('xml')).toBe(false);
    // The first update was the board's shape and is kept; the one nesting deeper is not.
    expect((cards.get('stepwise') as Y.Map<unknown>).toJSON()).toEqual({});
  });

  it('[SYNC13] an update under another participant’s client id is refused with 4403; their next edits still reach the store and every screen', async () => {
    const victim = await connect();
    const watcher = await connect();
    addCard(victim.doc, {
      domain: 'goals',
      text: 'the victim’s first card',
      author: 'V',
      perspective: 'family',
    });
    await eventually(() => expect(texts(watcher.doc)).toContain('the victim’s first card'));

    // The attacker copies the board, takes the victim's client id and writes the victim's next clock.
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(watcher.doc));
    // Set after the copy: Yjs would move a doc off an id it sees another client use.
    attacker.clientID = victim.doc.clientID;
    const before = Y.encodeStateVector(attacker);
    addCard(attacker, { domain: 'goals', text: 'forged', author: 'V', perspective: 'family' });
    const socket = await rawSocket();
    socket.send(frames.update(Y.encodeStateAsUpdate(attacker, before)));
    expect((await socket.closed).code).toBe(closeCodes.forbidden);

    // Had the forgery been applied, Yjs would ignore this edit: it would hold the same clock.
    addCard(victim.doc, {
      domain: 'goals',
      text: 'the victim’s next card',
      author: 'V',
      perspective: 'family',
    });
    await eventually(() => expect(texts(watcher.doc)).toContain('the victim’s next card'));
    await eventually(() =>
      expect(texts(storedDoc(server.dataDir, demo))).toContain('the victim’s next card'),
    );
    expect(texts(storedDoc(server.dataDir, demo))).not.toContain('forged');
    expect(texts(watcher.doc)).not.toContain('forged');
  });

  it('[SYNC13] a client that reconnects keeps its own client id', async () => {
    const client = await connect();
    const watcher = await connect();
    addCard(client.doc, { domain: 'goals', text: 'before reconnecting', author: 'R', perspective: 'family' });
    await eventually(() => expect(texts(watcher.doc)).toContain('before reconnecting'));
    const closes: number[] = [];
    client.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    client.provider.disconnect();
    await eventually(() => expect(client.provider.wsconnected).toBe(false));
    const resynced = new Promise<void>((resolve) =>
      client.provider.on('sync', (isSynced: boolean) => isSynced && resolve()),
    );
    client.provider.connect();
    await resynced;
    addCard(client.doc, { domain: 'goals', text: 'after reconnecting', author: 'R', perspective: 'family' });
    await eventually(() => expect(texts(watcher.doc)).toContain('after reconnecting'));
    expect(client.provider.wsconnected).toBe(true);
    expect(closes.filter((code) => code >= 4000)).toEqual([]);
  });

  it('[SYNC13] a reconnect whose old socket lingers half-open takes its id over once that socket fails a ping', async () => {
    const watcher = await connect();
    // The old socket: it wrote under the id, then went silent without closing (no pongs).
    const old = new WebSocket(`${server.wsUrl}/yjs/${demo}`, { autoPong: false });
    await new Promise((resolve) => old.once('open', resolve));
    const phone = new Y.Doc();
    phone.getMap('cards').set('half-open', 'first socket');
    const first = Y.encodeStateAsUpdate(phone);
    old.send(frames.update(first));
    await eventually(() => expect(watcher.doc.getMap('cards').get('half-open')).toBe('first socket'));

    const before = Y.encodeStateVector(phone);
    phone.getMap('cards').set('half-open', 'second socket');
    const socket = await rawSocket();
    socket.send(frames.update(Y.encodeStateAsUpdate(phone, before)));
    await eventually(() => expect(watcher.doc.getMap('cards').get('half-open')).toBe('second socket'), 5_000);
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    old.terminate();
  });

  it('[SYNC14] deleting another participant’s edits before they exist is refused with 4403', async () => {
    const victim = await connect();
    const socket = await rawSocket();
    // A delete set naming the victim's next thousand clocks, under nobody's structs.
    const ds = new Uint8Array([
      0,
      1,
      ...varUint(victim.doc.clientID),
      1,
      ...varUint(Y.getState(victim.doc.store, victim.doc.clientID)),
      ...varUint(1000),
    ]);
    socket.send(frames.update(ds));
    expect((await socket.closed).code).toBe(closeCodes.forbidden);
    await stillWorks(victim, 'not deleted in advance');
  });

  it('[SYNC15] an update with a missing dependency is not relayed or stored, and its sender is closed with 4409 after the bound', async () => {
    const watcher = await connect();
    const socket = await rawSocket();
    const gap = new Y.Doc();
    gap.getMap('cards').set('gap-first', 'never sent');
    const afterFirst = Y.encodeStateVector(gap);
    gap.getMap('cards').set('gap-second', 'waits for the first');
    const started = Date.now();
    socket.send(frames.update(Y.encodeStateAsUpdate(gap, afterFirst)));

    // A client joining meanwhile is not served the waiting edit either.
    const joiner = await connect();
    const closed = await socket.closed;
    expect(closed.code).toBe(closeCodes.outOfSync);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    for (const doc of [watcher.doc, joiner.doc, storedDoc(server.dataDir, demo)])
      expect(doc.getMap('cards').has('gap-second')).toBe(false);
    const rows = storedRows(server.dataDir, demo).length;

    // Dropped, not kept: the missing edit arriving later does not bring the waiting one back.
    const late = await rawSocket();
    const only = new Y.Doc();
    only.clientID = gap.clientID;
    only.getMap('cards').set('gap-first', 'never sent');
    late.send(frames.update(Y.encodeStateAsUpdate(only)));
    await eventually(() => expect(watcher.doc.getMap('cards').get('gap-first')).toBe('never sent'));
    expect(watcher.doc.getMap('cards').has('gap-second')).toBe(false);
    expect(storedRows(server.dataDir, demo).length).toBe(rows + 1);
  }, 20_000);

  it('[SYNC15] pending data over the byte bound closes its sender at once', async () => {
    const socket = await rawSocket();
    const gap = new Y.Doc();
    gap.getMap('cards').set('gap', 'x');
    const afterFirst = Y.encodeStateVector(gap);
    gap.getMap('cards').set('big', 'y'.repeat(100 * 1024));
    const started = Date.now();
    socket.send(frames.update(Y.encodeStateAsUpdate(gap, afterFirst)));
    expect((await socket.closed).code).toBe(closeCodes.outOfSync);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('[SYNC17] presence for another client id is dropped: others keep seeing the truth', async () => {
    const other = await connect();
    other.provider.awareness.setLocalState({ name: 'Other' });
    const watcher = await connect();
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(other.doc.clientID)).toEqual({ name: 'Other' }),
    );
    const socket = await rawSocket();
    socket.send(presenceFrame([{ client: 424242, clock: 1, state: '{"name":"Raw"}' }]));
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(424242)).toEqual({ name: 'Raw' }),
    );
    // Another person's id, and a second id of its own: both dropped, the truth stays.
    socket.send(
      presenceFrame([
        { client: other.doc.clientID, clock: 99, state: '{"name":"Impostor"}' },
        { client: 424243, clock: 1, state: '{"name":"Second"}' },
        { client: 424242, clock: 2, state: '{"name":"Raw again"}' },
      ]),
    );
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(424242)).toEqual({ name: 'Raw again' }),
    );
    expect(watcher.provider.awareness.getStates().get(other.doc.clientID)).toEqual({ name: 'Other' });
    expect(watcher.provider.awareness.getStates().has(424243)).toBe(false);
  });

  it('[SYNC17] a connection cannot announce an id another participant writes under', async () => {
    const writer = await connect();
    addCard(writer.doc, { domain: 'goals', text: 'owned id', author: 'W', perspective: 'family' });
    writer.provider.awareness.setLocalState(null);
    const watcher = await connect();
    await eventually(() => expect(texts(watcher.doc)).toContain('owned id'));
    const socket = await rawSocket();
    socket.send(presenceFrame([{ client: writer.doc.clientID, clock: 50, state: '{"name":"Impostor"}' }]));
    socket.send(presenceFrame([{ client: 434343, clock: 1, state: '{"name":"Marker"}' }]));
    await eventually(() => expect(watcher.provider.awareness.getStates().get(434343)).toBeUndefined());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.provider.awareness.getStates().get(writer.doc.clientID)).not.toEqual({ name: 'Impostor' });
  });

  it('[SYNC17] an oversized presence state is refused with 4413', async () => {
    const socket = await rawSocket();
    socket.send(
      presenceFrame([{ client: 515151, clock: 1, state: JSON.stringify({ name: 'x'.repeat(3000) }) }]),
    );
    expect((await socket.closed).code).toBe(closeCodes.tooLarge);
  });

  it('[SYNC17] presence changes are relayed at a modest rate, the latest state last', async () => {
    const watcher = await connect();
    const socket = await rawSocket();
    let relays = 0;
    watcher.provider.awareness.on('update', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(616161)) relays++;
    });
    for (let clock = 1; clock <= 100; clock++)
      socket.send(presenceFrame([{ client: 616161, clock, state: JSON.stringify({ cursor: clock }) }]));
    await eventually(() =>
      expect(watcher.provider.awareness.getStates().get(616161)).toEqual({ cursor: 100 }),
    );
    expect(relays).toBeLessThanOrEqual(5);
  });

  it('[SYNC16] a flood of messages is closed with 4429; fast typing never is', async () => {
    const typist = await connect();
    const watcher = await connect();
    const id = addCard(typist.doc, { domain: 'goals', text: '', author: 'T', perspective: 'family' });
    const text = () => (typist.doc.getMap('cards').get(id) as Y.Map<unknown>).get('text') as Y.Text;
    // 200 keystrokes a second for three seconds, each its own update (a fast typist makes ~10),
    // and a pasted page in one update.
    for (let burst = 0; burst < 30; burst++) {
      for (let i = 0; i < 20; i++) text().insert(text().length, 'a');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    text().insert(0, 'pasted '.repeat(1000));
    await eventually(() =>
      expect(
        ((watcher.doc.getMap('cards').get(id) as Y.Map<unknown>)?.get('text') as Y.Text | undefined)?.length,
      ).toBe(600 + 7000),
    );
    expect(typist.provider.wsconnected).toBe(true);

    const socket = await rawSocket();
    for (let i = 0; i < 1000; i++) socket.send(new Uint8Array([3]));
    expect((await socket.closed).code).toBe(closeCodes.tooMany);
  });
});

function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f));
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}
