import { addCard, editCardText, readCards } from '@kinboard/shared';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { presenceFrame } from '../helpers/presence-frames.ts';
import { frames, openRawSocket, type RawSocket } from '../helpers/raw-sync-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';

const demo = 'demo-hollis.map';
/** FUZZ_SEED=<n> replays a run; the seed is in the test's name and every failure message. */
const seed = Number(process.env.FUZZ_SEED ?? 20_260_201);
// Bounded by frames, not by time, so a loaded machine runs the same fuzz more slowly instead of a
// smaller one; the time limit only stops a run that hangs.
const fuzzFrames = Number(process.env.FUZZ_FRAMES ?? 1_500);
const fuzzLimitMs = 60_000;

/** Mutations of valid bytes: flips, cuts, insertions, duplications. */
function mutate(gen: prng.PRNG, bytes: Uint8Array): Uint8Array {
  const out = [...bytes];
  const changes = prng.int32(gen, 1, 4);
  for (let i = 0; i < changes; i++) {
    const at = prng.int32(gen, 0, Math.max(0, out.length - 1));
    switch (prng.int32(gen, 0, 5)) {
      case 0:
        out[at] = prng.uint32(gen, 0, 255);
        break;
      case 1:
        out[at] = (out[at] ?? 0) ^ (1 << prng.int32(gen, 0, 7));
        break;
      case 2:
        out.splice(at, prng.int32(gen, 1, 8));
        break;
      case 3:
        out.splice(at, 0, ...Array.from({ length: prng.int32(gen, 1, 6) }, () => prng.uint32(gen, 0, 255)));
        break;
      case 4:
        out.length = at;
        break;
      default:
        out.splice(at, 0, ...out.slice(at, at + prng.int32(gen, 1, 16)));
    }
  }
  return new Uint8Array(out);
}

describe(`[SYNC19] fuzzing from an admitted writer (seed ${seed})`, () => {
  let server: TestServer;
  let live: StockClient;

  beforeAll(async () => {
    server = await startServer();
    live = connectStockClient(server.wsUrl, demo);
    await live.synced;
  });
  afterAll(async () => {
    live.destroy();
    await server.dispose();
  });

  it('the process survives, stays responsive, and the stored board reloads into the live state', async () => {
    onTestFailed(() =>
      console.log(`seed ${seed}; the server's last output:\n${server.output().slice(-4000)}`),
    );
    const gen = prng.create(seed);
    const context = `seed ${seed}: rerun with FUZZ_SEED=${seed}`;
    let socket: RawSocket | undefined;
    let local = new Y.Doc();
    let sent = 0;
    let reopened = 0;
    const open = async () => {
      socket?.ws.close();
      socket = openRawSocket(`${server.wsUrl}/yjs/${demo}`);
      await socket.opened;
      // A fresh writer each time: it starts from the live board and a new client id.
      local = new Y.Doc();
      Y.applyUpdate(local, Y.encodeStateAsUpdate(live.doc));
      reopened++;
    };
    const validEdit = (): Uint8Array => {
      const before = Y.encodeStateVector(local);
      const cards = readCards(local);
      const card = cards.length > 0 ? cards[prng.int32(gen, 0, cards.length - 1)] : undefined;
      if (card && prng.bool(gen))
        editCardText(local, card.id, `${card.text.slice(0, 40)} ${prng.word(gen, 1, 8)}`);
      else
        addCard(local, {
          domain: 'goals',
          text: prng.word(gen, 1, 20),
          author: 'Fuzz',
          perspective: 'family',
        });
      return Y.encodeStateAsUpdate(local, before);
    };

    // The event loop must keep answering while the fuzz runs.
    const latencies: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        const response = await fetch(`${server.url}/healthz`);
        latencies.push(performance.now() - started);
        expect(response.status, context).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    await open();
    const until = Date.now() + fuzzLimitMs;
    while (sent < fuzzFrames && Date.now() < until) {
      if (!socket || socket.ws.readyState !== socket.ws.OPEN) await open();
      let frame: Uint8Array | string;
      switch (prng.int32(gen, 0, 9)) {
        case 0:
        case 1:
          frame = frames.update(validEdit());
          break;
        case 2:
        case 3:
        case 4:
          frame = frames.update(mutate(gen, validEdit()));
          break;
        case 5:
          frame = mutate(gen, frames.update(validEdit()));
          break;
        case 6:
          frame = prng.bool(gen) ? frames.syncStep1(local) : mutate(gen, frames.syncStep1(local));
          break;
        case 7: {
          const state = JSON.stringify({ name: prng.word(gen, 0, 30), cursor: prng.int32(gen, 0, 999) });
          const presence = presenceFrame([{ client: local.clientID, clock: sent, state }]);
          frame = prng.bool(gen) ? presence : mutate(gen, presence);
          break;
        }
        case 8:
          frame = prng.uint8Array(gen, prng.int32(gen, 0, 64));
          break;
        default:
          // The live client keeps working alongside.
          addCard(live.doc, {
            domain: 'goals',
            text: `live ${sent}`,
            author: 'Live',
            perspective: 'network',
          });
          frame = new Uint8Array([3]);
      }
      socket!.send(frame);
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
    probing = false;
    await probe;
    socket?.ws.close();
    expect(sent, context).toBe(fuzzFrames);
    expect(reopened, context).toBeGreaterThan(5);
    expect(Math.max(...latencies), context).toBeLessThan(1_000);

    // The store holds exactly what the live client holds, and a fresh client loads the same.
    addCard(live.doc, { domain: 'goals', text: 'after the fuzz', author: 'Live', perspective: 'network' });
    await eventually(() => {
      const stored = storedDoc(server.dataDir, demo);
      expect(stored.getMap('cards').toJSON(), context).toEqual(live.doc.getMap('cards').toJSON());
    }, 10_000);
    const fresh = connectStockClient(server.wsUrl, demo);
    try {
      await fresh.synced;
      expect(fresh.doc.getMap('cards').toJSON(), context).toEqual(live.doc.getMap('cards').toJSON());
    } finally {
      fresh.destroy();
    }
    expect(live.provider.wsconnected, context).toBe(true);
  }, 90_000);
});
