import { maxEventBytes, maxScalingTextLength } from '@kinboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectRealtime, request } from '../helpers/realtime-client.ts';
import { startSignedIn, type SignedInMeetings } from './signed-in-meeting.ts';

/** A raw engine.io WebSocket that has completed socket.io's CONNECT, and every text it got. */
async function rawSocketIo(url: string, cookie: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: { cookie },
  });
  const texts: string[] = [];
  ws.on('message', (data) => texts.push(data.toString()));
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send('40{"protocolVersion":1}');
  await new Promise<void>((resolve, reject) => {
    const check = () => (texts.some((text) => text.startsWith('40{')) ? resolve() : setTimeout(check, 20));
    setTimeout(() => reject(new Error(`no CONNECT answer: ${texts.join(' ')}`)), 5_000);
    check();
  });
  return { ws, texts, closed };
}

describe('[ACCESS35] socket.io takes events the size of real ones, and no binary attachments', () => {
  let world: SignedInMeetings;
  let cookie: string;
  beforeAll(async () => {
    world = await startSignedIn();
    const meeting = await world.openMeeting('Sizes');
    cookie = (await world.guest(meeting, 'family')).cookie;
  });
  afterAll(async () => {
    await world.server.dispose();
  });

  it('the largest real event is answered; a packet past the limit closes the connection', async () => {
    // scaling:start with its three texts as long as they may be, each character escaped in JSON.
    const wide = '\u0001'.repeat(maxScalingTextLength);
    const largest = { question: { questionId: 'q', text: wide, zeroMeans: wide, tenMeans: wide }, mode: {} };
    expect(JSON.stringify(largest).length).toBeGreaterThan(10_000);
    expect(JSON.stringify(largest).length).toBeLessThan(maxEventBytes);
    const socket = connectRealtime(world.server.url, 1, cookie);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Answered (a guest may not start a round), so it arrived whole.
    expect(await request(socket, 'scaling:start', largest)).toMatchObject({ ok: false });
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('plan:status', { padding: 'x'.repeat(maxEventBytes) } as never, () => {});
    expect(await gone).toBe('transport close');

    const raw = await rawSocketIo(world.server.url, cookie);
    raw.ws.send(`42["plan:status",{"padding":"${'x'.repeat(maxEventBytes)}"}]`);
    expect(await raw.closed).toBe(1009);
  });

  it('a packet announcing 100,000 binary attachments, or any attachment, is refused', async () => {
    const announced = await rawSocketIo(world.server.url, cookie);
    announced.ws.send('45100000-["plan:status",{"_placeholder":true,"num":0}]');
    await announced.closed;

    const one = await rawSocketIo(world.server.url, cookie);
    one.ws.send('451-["plan:status",{"_placeholder":true,"num":0}]');
    one.ws.send(Buffer.from([4, 1, 2, 3]));
    await one.closed;

    // The server carries on for everyone else.
    const fine = await rawSocketIo(world.server.url, cookie);
    fine.ws.send('421["plan:status",{}]');
    await new Promise<void>((resolve) => {
      const check = () =>
        fine.texts.some((text) => text.startsWith('431[')) ? resolve() : setTimeout(check, 20);
      check();
    });
    fine.ws.close();
    expect(world.server.output()).not.toMatch(/\n\s+at /);
  });
});
