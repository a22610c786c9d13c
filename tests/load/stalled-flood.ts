/**
 * A flood of stalled connections against one real phone [ACCESS26]: with N connections held
 * open that never finish saying who they are (idle TCP sockets, half-sent headers, half-sent
 * upgrades, engine.io sockets without CONNECT, sync connections without a first message), each
 * reopened as soon as the server closes it, how long a phone takes from typing the join code to
 * a synced board and an entered socket.io screen.
 *
 *   node tests/load/stalled-flood.ts [--stalled 0,250,1000] [--phones 5]
 *   pnpm run bench:all            (runs it with the defaults)
 *
 * The chair lets each phone in from its own screen, as in a meeting, so the figure includes the
 * admission. The flood runs in this process, on the same cores as the server: for comparing.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Result } from '@kinboard/shared';
import { connectRealtime } from '../helpers/realtime-client.ts';
import { startServer } from '../helpers/server.ts';
import { openTcp, upgradeRequest, type RawTcp } from '../helpers/stalled-sockets.ts';
import { connectStockClient } from '../helpers/yjs-client.ts';
import { adminPassword, Browser } from '../multi-client/access-http.ts';

const { values } = parseArgs({
  options: { stalled: { type: 'string', default: '0,250,1000' }, phones: { type: 'string', default: '5' } },
});
const steps = values.stalled.split(',').map(Number);
const phones = Number(values.phones);

const server = await startServer({
  env: {
    REQUIRE_SIGN_IN: 'true',
    TRUST_PROXY: 'true',
    ADMIN_EMAIL: 'chair@example.org',
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'error',
  },
});
const chair = new Browser(server, '10.50.0.1');
await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
const chairCookie = [...chair.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
const familyId: string = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;

/** The five ways to stall, in turn. */
function stall(index: number, meetingId: string): string {
  const upgrade = (path: string, headers: Record<string, string> = {}) =>
    upgradeRequest(server.port, path, headers);
  switch (index % 5) {
    case 0:
      return '';
    case 1:
      return 'GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1';
    case 2:
      return upgrade(`/yjs/${meetingId}.map`).slice(0, -10);
    case 3:
      return upgrade('/socket.io/?EIO=4&transport=websocket');
    default:
      return upgrade(`/yjs/${meetingId}.map`, { Cookie: chairCookie });
  }
}

/** Keeps `count` stalled connections open until stopped, reopening each the server closes. */
function flood(count: number, meetingId: string) {
  let stopped = false;
  const open = new Set<RawTcp>();
  let reopened = 0;
  const keep = async (index: number) => {
    while (!stopped) {
      let tcp: RawTcp;
      try {
        tcp = await openTcp(server.port, stall(index, meetingId));
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      open.add(tcp);
      await tcp.closed;
      open.delete(tcp);
      reopened++;
    }
  };
  const all = Array.from({ length: count }, (_, index) => keep(index));
  return {
    get open() {
      return open.size;
    },
    get reopened() {
      return reopened;
    },
    async stop() {
      stopped = true;
      for (const tcp of open) tcp.socket.destroy();
      await Promise.all(all);
    },
  };
}

let phoneNumber = 0;
/** One phone: join with the code, wait for the chair, then a synced board and an entered screen. */
async function phoneJoins(meeting: { meetingId: string; code: string }): Promise<number> {
  const started = performance.now();
  const phone = new Browser(server, `10.51.${Math.floor(++phoneNumber / 250)}.${phoneNumber % 250}`);
  const joined = await phone.post('/api/join', { code: meeting.code, name: 'Aunt', relationship: 'aunt' });
  if (joined.status !== 201) throw new Error(`join answered ${joined.status}`);
  await chair.post(`/api/meetings/${meeting.meetingId}/participants/${joined.body.participantId}/admit`, {
    role: 'family',
  });
  const cookie = [...phone.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const board = connectStockClient(server.wsUrl, `${meeting.meetingId}.map`, { cookie });
  const socket = connectRealtime(server.url, 1, cookie);
  try {
    const entered = new Promise<Result<unknown>>((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.once('connect', () =>
        (socket.emit as (e: string, p: unknown, ack: (r: Result<unknown>) => void) => void)(
          'meeting:enter',
          { meetingId: meeting.meetingId, screen: 'phone' },
          resolve,
        ),
      );
    });
    const [result] = await Promise.all([entered, board.synced]);
    if (!result.ok) throw new Error(`meeting:enter refused: ${JSON.stringify(result)}`);
    return performance.now() - started;
  } finally {
    board.destroy();
    socket.disconnect();
  }
}

const median = (numbers: number[]) => [...numbers].sort((x, y) => x - y)[Math.floor(numbers.length / 2)]!;

try {
  for (const count of steps) {
    const made = await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title: `Flood of ${count}`,
    });
    const meetingId: string = made.body.meeting.id;
    const code: string = (await chair.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
    const stalled = flood(count, meetingId);
    // Let the flood fill up and reach the server's bounds (a few seconds).
    await new Promise((resolve) => setTimeout(resolve, count > 0 ? 6_000 : 0));
    const times: number[] = [];
    for (let index = 0; index < phones; index++) times.push(await phoneJoins({ meetingId, code }));
    console.log(
      `${count} stalled connections (${stalled.open} open now, ${stalled.reopened} closed by the server ` +
        `and reopened): join-to-synced median ${Math.round(median(times))} ms, ` +
        `worst ${Math.round(Math.max(...times))} ms over ${phones} phones`,
    );
    await stalled.stop();
  }
} finally {
  await server.dispose();
}
