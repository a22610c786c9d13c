import { addCard, closeCodes, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { presenceFrame } from '../helpers/presence-frames.ts';
import { frames, openRawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createMeeting, makeDataDir, storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';
/** Another meeting on the same server, edited all the while: nothing of it may be lost. */
const second = 'second-meeting';
const secretText = 'never-in-the-log';

/** A valid update whose delete set is cut short: Yjs integrates its structs, then throws. */
function halfValidUpdate(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(key, 'should never be kept');
  const valid = Y.encodeStateAsUpdate(doc);
  // The last byte is the delete set's client count (0); claim 5 clients and end there.
  return new Uint8Array([...valid.slice(0, -1), 5]);
}

function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set('truncated', 'never kept');
  const valid = Y.encodeStateAsUpdate(doc);
  return valid.slice(0, Math.floor(valid.length / 2));
}

const malformed: [string, Uint8Array | string][] = [
  ['an empty frame', new Uint8Array(0)],
  ['a body length far past the frame', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1])],
  ['a varint over 53 bits', new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])],
  ['a truncated update', frames.update(truncatedUpdate())],
  ['an auth message without its body', new Uint8Array([2])],
  ['awareness with garbage JSON', presenceFrame([{ client: 7001, clock: 1, state: `{${secretText}` }])],
  ['awareness that is not an object', presenceFrame([{ client: 7002, clock: 1, state: '[1,2,3]' }])],
  ['a truncated awareness update', frames.typed(1, new Uint8Array([1, 0x99, 0x37, 1, 40, 65]))],
  ['a text frame', 'hello'],
  ['an unknown message type', frames.typed(7, new Uint8Array([1, 2, 3]))],
  ['an unknown sync message type', new Uint8Array([0, 9, 0])],
  ['a truncated varint', new Uint8Array([0x80])],
  ['a body shorter than its length', new Uint8Array([0, 2, 10, 1, 2])],
  ['trailing bytes after a message', new Uint8Array([3, 0])],
  ['a garbage update', frames.update(new TextEncoder().encode(`definitely not a yjs update ${secretText}`))],
  ['an update that throws half-way', frames.update(halfValidUpdate('half-applied'))],
  ['a garbage awareness update', frames.typed(1, new Uint8Array([5, 200, 1]))],
];

describe('malformed frames', () => {
  let server: TestServer;
  let bystander: StockClient;
  let neighbour: StockClient;
  let neighbourEdits = 0;
  let editing: NodeJS.Timeout;
  const data = makeDataDir();

  beforeAll(async () => {
    await createMeeting(data.dataDir, second);
    server = await startServer({ dataDir: data.dataDir, env: { LOG_LEVEL: 'info' } });
    bystander = connectStockClient(server.wsUrl, demo);
    neighbour = connectStockClient(server.wsUrl, `${second}.map`);
    await Promise.all([bystander.synced, neighbour.synced]);
    // The other meeting keeps typing while every bad frame arrives.
    editing = setInterval(() => neighbour.doc.getMap('cards').set(`edit-${++neighbourEdits}`, 'kept'), 20);
  });
  afterAll(async () => {
    clearInterval(editing);
    bystander.destroy();
    neighbour.destroy();
    await server.dispose();
    data.remove();
  });

  it.each(malformed)(
    '[SYNC7][SYNC18] %s closes that connection with 4400; others carry on',
    async (label, frame) => {
      const socket = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
      await socket.opened;
      // Wait for the server's sync step 1, so the frame meets a loaded document.
      await eventually(() => expect(socket.received.length).toBeGreaterThan(0));
      socket.send(frame);
      expect((await socket.closed).code).toBe(closeCodes.badMessage);

      // The process is alive and the bystander's edits still reach a newcomer.
      const text = `after ${label}`;
      addCard(bystander.doc, { domain: 'goals', text, author: 'Bystander', perspective: 'network' });
      const newcomer = connectStockClient(server.wsUrl, demo);
      try {
        await eventually(() => expect(readCards(newcomer.doc).map((card) => card.text)).toContain(text));
      } finally {
        newcomer.destroy();
      }
    },
  );

  it('[SYNC18] the other meeting lost no edit, and the log names reasons, never content', async () => {
    clearInterval(editing);
    const made = neighbourEdits;
    expect(made).toBeGreaterThan(10);
    const watcher = connectStockClient(server.wsUrl, `${second}.map`);
    try {
      await eventually(() => expect(watcher.doc.getMap('cards').size).toBe(made));
      await eventually(() =>
        expect(storedDoc(server.dataDir, `${second}.map`).getMap('cards').size).toBe(made),
      );
    } finally {
      watcher.destroy();
    }
    expect(neighbour.provider.wsconnected).toBe(true);
    const output = server.output();
    expect(output).toContain('closing sync connection');
    expect(output).not.toContain(secretText);
  });

  it('[SYNC7] a rejected update changes nothing: not relayed, not stored', async () => {
    const cardsAfterRestart = async () => {
      const client = connectStockClient(server.wsUrl, demo);
      try {
        await client.synced;
        return client.doc.getMap('cards').toJSON();
      } finally {
        client.destroy();
      }
    };
    expect(bystander.doc.getMap('cards').has('half-applied')).toBe(false);
    bystander.destroy();
    server = await server.restart();
    const cards = await cardsAfterRestart();
    expect(Object.keys(cards)).not.toContain('half-applied');
    // Every card the bystander added survived, so the document loads and is whole.
    const texts = Object.values(cards).map((card) => (card as { text: string }).text);
    for (const [label] of malformed) expect(texts).toContain(`after ${label}`);
    bystander = connectStockClient(server.wsUrl, demo);
  });
});
