import { readZip } from '@kinboard/server/export/read-back';
import { apiRoutes } from '@kinboard/server/http/api';
import { closeCodes, documentParts } from '@kinboard/shared';
import { journalLimits } from '@kinboard/shared/passes/network-pass';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Browser } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import {
  cookieOf,
  createFamily,
  createOpenMeeting,
  signInStaff,
  startSignedInServer,
} from '../helpers/meeting-harness.ts';
import { openPassLine, openPassOn, tokenOf } from '../helpers/pass-holder.ts';
import { connectRealtime } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';

const day = 24 * 3_600_000;
const familyName = 'Quenby';
const childName = 'Ottoline';
/** yyyy-mm-dd, `days` after the server's today. */
const dayAfter = (now: number, days: number) => new Date(now + days * day).toISOString().slice(0, 10);

/** A bare WebSocket with a cookie: how it closed, and how many frames came before. */
async function rawConnect(url: string, cookie: string): Promise<{ code: number; frames: number }> {
  const ws = new WebSocket(url, { headers: { cookie } });
  let frames = 0;
  ws.on('message', () => frames++);
  ws.on('error', () => {});
  const code = await new Promise<number>((resolve) => ws.once('close', (closeCode) => resolve(closeCode)));
  return { code, frames };
}

describe('a network pass between meetings [PASS1]-[PASS10]', () => {
  let server: TestServer;
  let staff: Browser;
  let staffId: string;
  let familyId: string;
  let meetingId: string;
  /** The server's time, as the test clock moved it. */
  let now: number;

  const advance = async (ms: number) => {
    now = (await staff.post('/api/test-clock', { advanceByMs: ms })).body.now;
  };
  const issue = async (holderName = 'Gran Quenby', days = 30) =>
    staff.post(`/api/families/${familyId}/passes`, {
      holderName,
      relationship: 'Grandmother',
      endsOn: dayAfter(now, days),
    });

  beforeAll(async () => {
    server = await startSignedInServer({ TEST_CLOCK: 'true' });
    ({ browser: staff, staffId } = await signInStaff(server, '10.40.0.1'));
    familyId = await createFamily(staff, familyName, { children: [{ name: childName }] });
    ({ meetingId } = await createOpenMeeting(staff, familyId, { title: 'Quenby network meeting' }));
    await advance(0);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('[PASS1] [PASS3] staff give a pass; its link opens a cookie for this browser session only, for /api/pass only', async () => {
    const issued = await issue();
    expect(issued.status).toBe(201);
    expect(issued.body.pass).toMatchObject({
      holderName: 'Gran Quenby',
      relationship: 'Grandmother',
      state: 'active',
    });
    expect(issued.body.link).toMatch(/^\/pass#[\w-]+\.[\w-]+$/);
    expect(JSON.stringify(issued.body.pass)).not.toContain(tokenOf(issued.body.link).split('.')[1]);
    const phone = new (staff.constructor as typeof Browser)(server, '10.40.0.2');
    const opened = await phone.post('/api/pass/open', { token: tokenOf(issued.body.link) });
    expect(opened.status).toBe(200);
    const cookie = opened.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^kinboard_pass=/);
    expect(cookie).toContain('Path=/api/pass;');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).not.toMatch(/max-age|expires/i);
    const shown = await phone.get('/api/pass');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.body).toMatchObject({
      holder: { name: 'Gran Quenby' },
      family: { name: familyName },
      plan: null,
    });
    // Someone else's made-up token, or a right id with a wrong secret, opens nothing.
    const [id] = tokenOf(issued.body.link).split('.');
    expect((await phone.post('/api/pass/open', { token: `${id}.${'x'.repeat(43)}` })).status).toBe(401);
    // Only staff with access to the family give passes.
    const anyone = new (staff.constructor as typeof Browser)(server, '10.40.0.3');
    expect((await anyone.post(`/api/families/${familyId}/passes`, {})).status).toBe(401);
  });

  it('[PASS6] the pass opens nothing but its plan, part and journal: every other route and every document is refused', async () => {
    const issued = await issue('Uncle Quenby');
    const phone = await openPassOn(server, issued.body.link, '10.40.0.4');
    const written = await phone.post('/api/pass/journal', {
      text: 'Walked to school together.',
      happenedOn: dayAfter(now, 0),
      planHeld: 'held',
    });
    expect(written.status).toBe(201);
    const values: Record<string, string> = {
      meetingId,
      version: '1',
      format: 'md',
      personKey: 'name:x',
      pid: 'x',
      canvas: 'story',
      staffId,
      passId: issued.body.pass.id,
      entryId: written.body.entry.id,
    };
    const holderRoutes = new Set(['/api/pass', '/api/pass/open', '/api/pass/journal', '/api/pass/live']);
    const nobody = new (staff.constructor as typeof Browser)(server, '10.40.0.14');
    let walked = 0;
    for (const each of apiRoutes) {
      const template = each.pattern.source.slice(1, -1).replace(/\\\//g, '/');
      let index = 0;
      const path = template.replace(/\(\[\^\/\]\{1,100\}\)/g, () => {
        const key = each.keys[index++]!;
        if (key !== 'id') return values[key] ?? 'x';
        if (template.startsWith('/api/meetings')) return meetingId;
        return template.startsWith('/api/staff') ? staffId : familyId;
      });
      if (holderRoutes.has(path) || path.startsWith('/api/pass/') || path === '/api/test-clock') continue;
      const body = each.method === 'GET' ? undefined : {};
      const answer = await phone.request(each.method, path, body);
      walked++;
      const name = `${each.method} ${path}`;
      const text = JSON.stringify(answer.body ?? '');
      expect(text, name).not.toContain(familyName);
      expect(text, name).not.toContain(childName);
      expect(text, name).not.toContain('Walked to school');
      // The pass changes nothing: the route answers it exactly as a browser with no cookie at all.
      const anonymous = await nobody.request(each.method, path, body);
      expect({ status: answer.status, body: answer.body }, name).toEqual({
        status: anonymous.status,
        body: anonymous.body,
      });
      // What names a family or meeting is refused for want of sign-in, before anything is looked up.
      if (each.keys.length > 0) expect(answer.status, name).toBe(401);
    }
    expect(walked).toBeGreaterThan(40);
    const cookie = cookieOf(phone);
    for (const part of documentParts)
      expect(await rawConnect(`${server.wsUrl}/yjs/${meetingId}.${part}`, cookie), part).toEqual({
        code: closeCodes.notAdmitted,
        frames: 0,
      });
    const socket = connectRealtime(server.url, 1, cookie);
    const refused = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(refused.message).toBe('not-admitted');
    socket.disconnect();
  });

  it('[PASS2] a pass works through its last day and is refused after it', async () => {
    const issued = await issue('Neighbour Quenby', 1);
    const phone = await openPassOn(server, issued.body.link, '10.40.0.5');
    expect((await phone.get('/api/pass')).status).toBe(200);
    await advance(2 * day);
    expect((await phone.get('/api/pass')).status).toBe(410);
    expect((await phone.get('/api/pass/journal')).status).toBe(410);
    expect((await phone.post('/api/pass/open', { token: tokenOf(issued.body.link) })).status).toBe(410);
    const listed = await staff.get(`/api/families/${familyId}/passes`);
    expect(listed.body.passes.find((each: { id: string }) => each.id === issued.body.pass.id).state).toBe(
      'expired',
    );
    // An end in the past, or beyond a year, is refused when given.
    expect((await issue('Late', -1)).status).toBe(400);
    expect((await issue('Long', 400)).status).toBe(400);
  });

  it('[PASS2] [PASS5] an open page is closed once its pass is past its end, by the clock', async () => {
    const issued = await issue('Cousin Quenby', 1);
    const phone = await openPassOn(server, issued.body.link, '10.40.0.15');
    const line = openPassLine(server, phone);
    await line.opened;
    await advance(2 * day);
    // The next beat (at most 10 s) finds the pass ended.
    expect((await line.ended)?.code).toBe(closeCodes.notAdmitted);
  }, 30_000);

  it('[PASS5] [ACCESS27] a pass holds at most three open pages; a fourth closes the oldest with 4441', async () => {
    const issued = await issue('Many Screens');
    const phone = await openPassOn(server, issued.body.link, '10.40.0.16');
    // One after another, so the server's oldest is the test's first.
    const lines = [];
    for (let index = 0; index < 4; index++) {
      const line = openPassLine(server, phone);
      await line.opened;
      lines.push(line);
    }
    expect((await lines[0]!.ended)?.code).toBe(closeCodes.replaced);
    for (const line of lines.slice(1)) line.close();
  });

  it('[PASS4] [PASS5] revoking closes the open page at once; reissuing gives a new link and the old one opens nothing', async () => {
    const issued = await issue('Aunt Quenby');
    const phone = await openPassOn(server, issued.body.link, '10.40.0.6');
    const line = openPassLine(server, phone);
    await line.opened;
    const reissued = await staff.post(`/api/families/${familyId}/passes/${issued.body.pass.id}/reissue`);
    expect(reissued.status).toBe(201);
    const decided = Date.now();
    const ended = await line.ended;
    expect(ended?.code).toBe(closeCodes.notAdmitted);
    expect(ended!.at - decided).toBeLessThan(1000);
    expect((await phone.get('/api/pass')).status).toBe(410);
    expect((await phone.post('/api/pass/open', { token: tokenOf(issued.body.link) })).status).toBe(410);
    const newPhone = await openPassOn(server, reissued.body.link, '10.40.0.7');
    expect((await newPhone.get('/api/pass')).body.holder).toEqual({
      name: 'Aunt Quenby',
      relationship: 'Grandmother',
    });
    const revoked = await staff.post(`/api/families/${familyId}/passes/${reissued.body.pass.id}/revoke`);
    expect(revoked.body.pass.state).toBe('revoked');
    expect((await newPhone.get('/api/pass')).status).toBe(410);
    expect(
      (await staff.post(`/api/families/${familyId}/passes/${reissued.body.pass.id}/revoke`)).status,
    ).toBe(404);
  });

  it('[PASS8] [PASS10] holders write the journal; staff read it in order, mark read and reply, credited', async () => {
    const issued = await issue('Gran Journal');
    const phone = await openPassOn(server, issued.body.link, '10.40.0.8');
    const first = await phone.post('/api/pass/journal', {
      text: 'Gran Journal took Ottoline to the park.',
      happenedOn: dayAfter(now, 0),
      whoWasThere: 'Gran, Ottoline',
      planHeld: 'held',
    });
    expect(first.body.entry).toMatchObject({ authorName: 'Gran Journal', authorRelationship: 'Grandmother' });
    expect(first.body.entry.writtenAt).toBeGreaterThanOrEqual(now);
    await advance(day);
    await phone.post('/api/pass/journal', {
      text: 'A hard evening.',
      happenedOn: dayAfter(now, 0),
      planHeld: 'partly',
    });
    expect(
      (
        await phone.post('/api/pass/journal', {
          text: 'x',
          happenedOn: dayAfter(now, 0),
          planHeld: 'held',
          ruleId: 'no-such-rule',
        })
      ).status,
    ).toBe(400);
    const journal = await staff.get(`/api/families/${familyId}/journal`);
    const mine = journal.body.entries.filter(
      (each: { authorName: string }) => each.authorName === 'Gran Journal',
    );
    expect(mine.map((each: { text: string }) => each.text)).toEqual([
      'Gran Journal took Ottoline to the park.',
      'A hard evening.',
    ]);
    const read = await staff.post(`/api/families/${familyId}/journal/${mine[0].id}/read`);
    expect(read.body.entry.readByName).toBeTruthy();
    const replied = await staff.post(`/api/families/${familyId}/journal/${mine[1].id}/replies`, {
      text: 'Thank you, ring me if it happens again.',
    });
    expect(replied.status).toBe(201);
    const seen = (await phone.get('/api/pass/journal')).body.entries;
    const second = seen.find((each: { id: string }) => each.id === mine[1].id);
    expect(second.replies).toEqual([
      expect.objectContaining({
        text: 'Thank you, ring me if it happens again.',
        staffName: read.body.entry.readByName,
      }),
    ]);
    // What the family's audit holds: ids, never the words.
    const audit = await staff.get(`/api/families/${familyId}/audit?limit=500`);
    const actions = audit.body.entries.map((each: { action: string }) => each.action);
    for (const action of [
      'pass.issued',
      'pass.opened',
      'pass.used',
      'journal.written',
      'journal.read',
      'journal.replied',
    ])
      expect(actions).toContain(action);
    expect(JSON.stringify(audit.body)).not.toContain('park');

    // The family's subject-access archive holds the journal, its reply and the pass, never the link [RECORD6].
    const archive = await fetch(`${server.url}/api/families/${familyId}/subject-access`, {
      headers: { cookie: cookieOf(staff) },
    });
    expect(archive.status).toBe(200);
    const zip = readZip(new Uint8Array(await archive.arrayBuffer()));
    const kept = zip.text('safety-journal.json');
    expect(kept).toContain('Gran Journal took Ottoline to the park.');
    expect(kept).toContain('Thank you, ring me if it happens again.');
    const passes = zip.text('passes.json');
    expect(passes).toContain('Gran Journal');
    expect(passes).not.toContain(tokenOf(issued.body.link).split('.')[1]);
  });

  it('[PASS9] an entry has a length limit, and a pass writes at most so many a day', async () => {
    const issued = await issue('Busy Quenby');
    const phone = await openPassOn(server, issued.body.link, '10.40.0.9');
    const entry = (text: string) =>
      phone.post('/api/pass/journal', { text, happenedOn: dayAfter(now, 0), planHeld: 'held' });
    expect((await entry('x'.repeat(journalLimits.textChars + 1))).status).toBe(400);
    const answers = await Promise.all(
      Array.from({ length: journalLimits.entriesPerDay + 3 }, (_, i) => entry(`note ${i}`)),
    );
    expect(answers.filter((each) => each.status === 201)).toHaveLength(journalLimits.entriesPerDay);
    expect(answers.filter((each) => each.status === 429)).toHaveLength(3);
    await advance(day + 1);
    expect((await entry('the next day')).status).toBe(201);
  });

  it('[PASS8] a photo or drawing goes with an entry only when the worker allowed it, and only to the family’s readers', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const photo = { contentType: 'image/png', base64: png.toString('base64') };
    const entry = (phone: Browser, more: Record<string, unknown>) =>
      phone.post('/api/pass/journal', {
        text: 'A drawing',
        happenedOn: dayAfter(now, 0),
        planHeld: 'held',
        ...more,
      });
    const plain = await openPassOn(server, (await issue('No Photos')).body.link, '10.40.0.20');
    expect((await entry(plain, { photo })).status).toBe(403);
    const allowed = await staff.post(`/api/families/${familyId}/passes`, {
      holderName: 'Photo Gran',
      relationship: 'Grandmother',
      endsOn: dayAfter(now, 10),
      allowPhotos: true,
    });
    expect(allowed.body.pass.allowPhotos).toBe(true);
    const phone = await openPassOn(server, allowed.body.link, '10.40.0.21');
    const wrong = { contentType: 'image/png', base64: Buffer.from('not a picture').toString('base64') };
    expect((await entry(phone, { photo: wrong })).status).toBe(400);
    const written = await entry(phone, { photo });
    expect(written.status).toBe(201);
    expect(written.body.entry.hasPhoto).toBe(true);
    const entryId: string = written.body.entry.id;
    const fetchPhoto = async (browser: Browser | undefined, path: string) => {
      const cookie = browser
        ? [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
        : '';
      const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    };
    for (const [browser, path] of [
      [phone, `/api/pass/journal/${entryId}/photo`],
      [plain, `/api/pass/journal/${entryId}/photo`],
      [staff, `/api/families/${familyId}/journal/${entryId}/photo`],
    ] as const)
      expect(await fetchPhoto(browser, path)).toEqual({ status: 200, type: 'image/png', bytes: png });
    expect((await fetchPhoto(undefined, `/api/families/${familyId}/journal/${entryId}/photo`)).status).toBe(
      401,
    );
    expect((await fetchPhoto(undefined, `/api/pass/journal/${entryId}/photo`)).status).toBe(401);
  });

  it('[PASS7] every use is audited, coalesced, without content', async () => {
    await eventually(async () => {
      const audit = await staff.get(`/api/families/${familyId}/audit?limit=500`);
      const used = audit.body.entries.filter((each: { action: string }) => each.action === 'pass.used');
      expect(used.length).toBeGreaterThan(0);
      for (const each of used) expect(Object.keys(each.detail).sort()).toEqual(['count', 'pass', 'what']);
    });
  });
});
