import { closeCodes, readCards } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frames, openRawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createMeeting, makeDataDir } from '../helpers/store-fixtures.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';

describe('documents that cannot be opened', () => {
  let server: TestServer;
  const data = makeDataDir();

  beforeAll(async () => {
    const board = new Y.Doc();
    board.getMap('cards').set('secret', 'closed-meeting content');
    await createMeeting(data.dataDir, 'closed-meeting', {
      state: 'closed',
      documents: [{ documentName: 'closed-meeting.map', update: Y.encodeStateAsUpdate(board) }],
    });
    server = await startServer({ dataDir: data.dataDir });
  });
  afterAll(async () => {
    await server.dispose();
    data.remove();
  });

  /** Opens the path, asks for the document at once, and reports the close and anything received. */
  async function attempt(path: string) {
    const socket = openRawSocket(`${server.wsUrl}/yjs/${path}`);
    await socket.opened;
    socket.send(frames.syncStep1(new Y.Doc()));
    const closed = await socket.closed;
    return { code: closed.code, received: socket.received.length };
  }

  const unknown: [string, string][] = [
    ['no part', 'demo-hollis'],
    ['an unknown part', 'demo-hollis.secrets'],
    ['capital letters', 'Demo-Hollis.map'],
    ['a name too long', `${'a'.repeat(90)}.map`],
    ['path traversal', '..%2Fdemo-hollis.map'],
    ['an empty name', ''],
    ['bad percent-encoding', 'demo-hollis%E0%A4%A.map'],
    ['a lone percent sign', '%'],
    ['a meeting that does not exist', 'no-such-meeting.map'],
  ];
  it.each(unknown)('[SYNC4] %s is closed with 4404 and gets no content', async (_label, path) => {
    expect(await attempt(path)).toEqual({ code: closeCodes.unknownDocument, received: 0 });
  });

  it('[SYNC4] a closed meeting is closed with 4410 and gets no content', async () => {
    expect(await attempt('closed-meeting.map')).toEqual({ code: closeCodes.meetingClosed, received: 0 });
  });

  it('[SYNC4] after all those refusals the server still serves the demo document', async () => {
    const client = connectStockClient(server.wsUrl, 'demo-hollis.map');
    try {
      await client.synced;
      expect(readCards(client.doc).length).toBeGreaterThan(5);
    } finally {
      client.destroy();
    }
  });
});
