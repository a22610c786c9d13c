import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { readCards } from '@kinboard/shared';

const documentName = 'demo-hollis.map';
const note = (doc: Y.Doc) => doc.getMap('cards').get('store-failure-note');

describe('[SYNC11] while the store refuses writes nothing is relayed, and nothing is lost when it recovers', () => {
  let server: TestServer | undefined;
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.dispose();
  });

  it('relays nothing unstored, reports 503, and stores the edit once the store is back', async () => {
    server = await startServer();
    const writer = connectStockClient(server.wsUrl, documentName);
    const watcher = connectStockClient(server.wsUrl, documentName);
    clients.push(writer, watcher);
    await Promise.all([writer.synced, watcher.synced]);
    writer.doc.getMap('cards').set('store-failure-note', 'before');
    await eventually(() => expect(note(watcher.doc)).toBe('before'));

    // Another process holds SQLite's write lock: the server's writes genuinely fail (SQLITE_BUSY).
    const blocker = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'));
    blocker.exec('BEGIN IMMEDIATE');
    let released = false;
    try {
      writer.doc.getMap('cards').set('store-failure-note', 'during');
      let saw503 = false;
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        expect(note(watcher.doc)).toBe('before');
        const health = await fetch(`${server.url}/healthz`).catch(() => undefined);
        if (health?.status === 503) saw503 = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(saw503).toBe(true);
      blocker.exec('ROLLBACK');
      released = true;
    } finally {
      if (!released) blocker.exec('ROLLBACK');
      blocker.close();
    }

    // The writer's client still holds the edit and sends it again when it reconnects.
    await eventually(() => expect(note(watcher.doc)).toBe('during'), 15_000);
    await eventually(async () => expect((await fetch(`${server!.url}/healthz`)).status).toBe(200), 5_000);
    await server.kill();
    expect(note(storedDoc(server.dataDir, documentName))).toBe('during');
  });

  it('[RECORD4] with sign-in on, staff still open and read the board while the store refuses writes', async () => {
    const email = 'ada.admin@example.org';
    const password = 'an admin password of some length';
    server = await startServer({
      env: { REQUIRE_SIGN_IN: 'true', ADMIN_EMAIL: email, ADMIN_PASSWORD: password },
    });
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;

    const blocker = new DatabaseSync(path.join(server.dataDir, 'kinboard.db'));
    blocker.exec('BEGIN IMMEDIATE');
    try {
      // Opening writes an audit entry, which cannot be stored now: the board opens all the same.
      const reader = connectStockClient(server.wsUrl, documentName, { cookie });
      clients.push(reader);
      await reader.synced;
      expect(readCards(reader.doc).length).toBeGreaterThan(0);
      const meeting = await fetch(`${server.url}/api/meetings/demo-hollis`, { headers: { cookie } });
      expect(meeting.status).toBe(200);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    expect(server.output()).toContain('could not write an audit entry; it is logged here instead');
  }, 60_000);
});
