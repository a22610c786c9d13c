import { closeCodes } from '@kinboard/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { openRawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';

/** A sync message (type 0) of `syncType` (1: step 2, 2: update) carrying `update`. */
function syncFrame(syncType: 1 | 2, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A real, valid update setting one card, with bytes after its delete set. */
function withLeftovers(key: string, leftovers: number[]): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(key, 'never kept');
  return new Uint8Array([...Y.encodeStateAsUpdate(doc), ...leftovers]);
}

describe('bytes left over inside a sync step 2 or an update close with 4400 and change nothing [ACCESS29]', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const cases: [string, 1 | 2, number[]][] = [
    ['an update with one byte left over', 2, [0]],
    ['an update with garbage after it', 2, [0x37, 0x13, 0xff, 0x01]],
    ['a sync step 2 with bytes left over', 1, [1, 2, 3]],
  ];

  it.each(cases)('%s', async (label, syncType, leftovers) => {
    const key = `leftover-${syncType}-${leftovers.length}`;
    const witness = connectStockClient(server.wsUrl, demo);
    await witness.synced;
    const socket = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
    await socket.opened;
    await eventually(() => expect(socket.received.length).toBeGreaterThan(0));
    socket.send(syncFrame(syncType, withLeftovers(key, leftovers)));
    expect((await socket.closed).code, label).toBe(closeCodes.badMessage);
    // The same update without the leftovers is applied: the refusal was for the bytes only.
    const honest = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
    await honest.opened;
    await eventually(() => expect(honest.received.length).toBeGreaterThan(0));
    const doc = new Y.Doc();
    doc.getMap('cards').set(`${key}-honest`, 'kept');
    honest.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
    await eventually(() => expect(witness.doc.getMap('cards').has(`${key}-honest`)).toBe(true));
    expect(witness.doc.getMap('cards').has(key)).toBe(false);
    await eventually(() =>
      expect(storedDoc(server.dataDir, demo).getMap('cards').has(`${key}-honest`)).toBe(true),
    );
    expect(storedDoc(server.dataDir, demo).getMap('cards').has(key)).toBe(false);
    honest.ws.close();
    witness.destroy();
  });
});
