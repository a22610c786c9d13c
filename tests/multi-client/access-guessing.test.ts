import { joinCodeAlphabet, joinCodeLength } from '@kinboard/shared/access/join-code';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import type { TestServer } from '../helpers/server.ts';
import { useMeetingSuite } from '../helpers/meeting-suite.ts';
import { auditRows, Browser, serviceAudit, staffPassword, type Answer } from './access-http.ts';

/**
 * Guessing join codes and passwords, against the real server: guessers are slowed, never the
 * family or the worker with the right code or password [ACCESS3] [ACCESS6].
 */
describe('guessing codes and passwords slows the guesser and locks nobody out', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;

  const suite = useMeetingSuite({ chairAddress: '10.0.0.1', family: 'Hollis' });
  beforeAll(async () => {
    ({ server, chair, familyId } = suite);
    for (const name of ['kim', 'sam'])
      expect(
        (
          await chair.post('/api/staff', {
            email: `${name}@example.org`,
            name,
            password: staffPassword,
            role: 'staff',
          })
        ).status,
      ).toBe(201);
  });

  async function openMeeting(title: string): Promise<{ meetingId: string; code: string }> {
    const made = await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title,
    });
    const meetingId: string = made.body.meeting.id;
    const opened = await chair.post(`/api/meetings/${meetingId}/open`);
    return { meetingId, code: opened.body.joinCode };
  }

  /** A code of the right shape that no open meeting has (each differs in its last characters). */
  const wrongCode = (right: string, index: number): string => {
    const tail =
      joinCodeAlphabet[index % joinCodeAlphabet.length]! + joinCodeAlphabet[Math.floor(index / 31) % 31]!;
    const code = 'ZZZZZZ' + tail;
    return code === right ? 'YYYYYY' + tail : code;
  };
  const join = (phone: Browser, code: string, name = 'Nan Hollis'): Promise<Answer> =>
    phone.post('/api/join', { code, name, relationship: 'grandmother' });

  it('[ACCESS6] codes are eight characters, shown as two groups of four, and typed in any case with or without the dash', async () => {
    const { meetingId, code } = await openMeeting('Code shape');
    expect(code).toMatch(new RegExp(`^[${joinCodeAlphabet}]{${joinCodeLength}}$`));
    expect(joinCodeLength).toBe(8);
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    expect((await join(new Browser(server, '198.51.100.20'), typed)).status).toBe(201);
    expect(
      (await join(new Browser(server, '198.51.100.21'), ` ${code.slice(0, 4)} ${code.slice(4)} `)).status,
    ).toBe(201);
    expect((await chair.get(`/api/meetings/${meetingId}/lobby`)).body.participants).toHaveLength(2);
  });

  it('[ACCESS6] a right code gets in at once from an address that typed 19 wrong ones, and never counts as one', async () => {
    const { code } = await openMeeting('Shared network');
    const venue = '203.0.113.10';
    for (let i = 0; i < 19; i++)
      expect((await join(new Browser(server, venue), wrongCode(code, i))).status).toBe(404);
    // Ten wrong codes used to shut this address out for ten minutes, the right code included.
    expect((await join(new Browser(server, venue), code)).status).toBe(201);
    expect((await join(new Browser(server, venue), code, 'Aunt Jo')).status).toBe(201);
    // The right codes did not count: the twentieth wrong one is still answered at once.
    expect((await join(new Browser(server, venue), wrongCode(code, 19))).status).toBe(404);
  });

  it('[ACCESS6] past its 20 free wrong codes an address is paced, not locked out: each try waits its turn, and then the right code gets in', async () => {
    const { meetingId, code } = await openMeeting('Guessed at');
    const guesser = '203.0.113.66';
    for (let i = 0; i < 20; i++)
      expect((await join(new Browser(server, guesser), wrongCode(code, i))).status).toBe(404);
    const paced = await join(new Browser(server, guesser), wrongCode(code, 20));
    expect(paced.status).toBe(429);
    expect(paced.body.message).toMatch(/checked slowly/);
    const wait = Number(paced.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15);
    // Another address is not slowed at all.
    expect((await join(new Browser(server, '198.51.100.7'), code)).status).toBe(201);
    const limited = (await serviceAudit(chair)).filter((entry) => entry.action === 'join.guessing-limited');
    expect(limited.filter((entry) => entry.personal?.['address'] === guesser)).toHaveLength(1);
    // The address is in the log only sealed [AUDIT7].
    const raw = auditRows(server).filter((row) => row.action === 'join.guessing-limited');
    expect(raw.length).toBeGreaterThan(0);
    for (const row of raw) expect(row.detail).not.toContain(guesser);

    // A family member behind the guesser's address: while the pace holds, the answer is "wait"
    // (never "wrong code"), and once it is their turn the right code gets in.
    const family = new Browser(server, guesser);
    const answers: number[] = [];
    await eventually(
      async () => {
        const answer = await join(family, code, 'Grandad Hollis');
        answers.push(answer.status);
        expect(answer.status).toBe(201);
      },
      30_000,
      1_000,
    );
    expect(new Set(answers.slice(0, -1))).toEqual(new Set(answers.length > 1 ? [429] : []));
    const lobby = (await chair.get(`/api/meetings/${meetingId}/lobby`)).body.participants as {
      name: string;
    }[];
    expect(lobby.map((person) => person.name).sort()).toEqual(['Grandad Hollis', 'Nan Hollis']);
  }, 60_000);

  it('[ACCESS6] tries sent all at once cannot slip past the count: of 40 wrong codes at once, 20 are looked up', async () => {
    const { code } = await openMeeting('Flooded');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => join(new Browser(server, '203.0.113.99'), wrongCode(code, i))),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  const signIn = (browser: Browser, email: string, password: string) =>
    browser.post('/api/session', { email, password });

  it("[ACCESS3] an attacker who knows the worker's email cannot lock them out: their own browser gets in at once, even from the attacker's address", async () => {
    const attackerAddress = '203.0.113.50';
    const worker = new Browser(server, '10.0.0.5');
    expect((await signIn(worker, 'kim@example.org', staffPassword)).status).toBe(200);
    expect(worker.cookies.get('kinboard_device')).toBeTruthy();
    expect((await worker.request('DELETE', '/api/session')).status).toBe(200);

    // Thirty wrong passwords from one address, then one from each of 25 more.
    const attacker = new Browser(server, attackerAddress);
    const fromOne: number[] = [];
    for (let i = 0; i < 30; i++)
      fromOne.push((await signIn(attacker, 'kim@example.org', `guess ${i}`)).status);
    expect(fromOne.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(fromOne).toContain(429);
    const fromMany: number[] = [];
    for (let i = 0; i < 25; i++)
      fromMany.push(
        (await signIn(new Browser(server, `198.51.100.${100 + i}`), 'kim@example.org', 'guess')).status,
      );
    // Each new address gets its tries until the email's own count (20 from anywhere) slows them too.
    expect(fromMany.filter((status) => status === 401).length).toBeGreaterThanOrEqual(10);
    expect(fromMany.at(-1)).toBe(429);
    // Every browser kim never used is slowed now: seconds to wait, never an hour.
    const stranger = await signIn(new Browser(server, '192.0.2.1'), 'kim@example.org', staffPassword);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // Kim's own browser is counted by itself: in at once, at her office or behind the attacker's address.
    expect((await signIn(worker, 'kim@example.org', staffPassword)).status).toBe(200);
    const sameNetwork = new Browser(server, attackerAddress);
    sameNetwork.cookies.set('kinboard_device', worker.cookies.get('kinboard_device')!);
    expect((await signIn(sameNetwork, 'kim@example.org', staffPassword)).status).toBe(200);

    const failed = (await serviceAudit(chair)).filter((entry) => entry.action === 'staff.sign-in-failed');
    // Tries answered "wait" were never checked, so they are not failures.
    expect(
      failed.filter((entry) => entry.personal?.['email'] === 'kim@example.org').length,
    ).toBeGreaterThanOrEqual(15);
    expect(failed.some((entry) => Number(entry.detail['slowedForMs']) > 0)).toBe(true);
  });

  it('[ACCESS3] a device cookie counts only for its own account, and a forged one counts as a new browser', async () => {
    const worker = new Browser(server, '10.0.0.7');
    expect((await signIn(worker, 'sam@example.org', staffPassword)).status).toBe(200);
    const samsDevice = worker.cookies.get('kinboard_device')!;
    const [id, nonce] = samsDevice.split('.');
    // Kim is slowed for browsers she never used: Sam's cookie and a forged one are such browsers.
    for (const value of [samsDevice, `${id}.${nonce}.AAAA`]) {
      const browser = new Browser(server, '10.0.0.8');
      browser.cookies.set('kinboard_device', value);
      expect((await signIn(browser, 'kim@example.org', staffPassword)).status).toBe(429);
    }
  });

  it('[ACCESS3] an unknown email gets the same answers as a known one, failure for failure, slowed alike', async () => {
    const sequence = async (email: string, address: string) => {
      const answers: { status: number; error: string; message: string }[] = [];
      for (let i = 0; i < 7; i++) {
        const answer = await signIn(new Browser(server, address), email, `not it ${i}`);
        // The seconds to wait may differ by one, as the two run side by side.
        answers.push({
          status: answer.status,
          error: answer.body.error,
          message: String(answer.body.message).replace(/\d+/g, 'N'),
        });
      }
      return answers;
    };
    const [known, unknown] = await Promise.all([
      sequence('sam@example.org', '192.0.2.77'),
      sequence('nobody-here@example.org', '192.0.2.78'),
    ]);
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5).every((answer) => answer.status === 401)).toBe(true);
    expect(known[5]?.status).toBe(429);
  });
});
