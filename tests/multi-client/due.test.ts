import { duePath, type DueList } from '@kinboard/shared/access/due';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../helpers/browser.ts';
import { createFamily, createMeeting, signInStaff, startSignedInServer } from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';

const day = 24 * 60 * 60 * 1000;

describe('[DUE3] what is due and overdue, from the server’s clock, for the worker’s own families', () => {
  let server: TestServer;
  let chair: Browser;

  beforeAll(async () => {
    server = await startSignedInServer({ TEST_CLOCK: 'true' });
    chair = (await signInStaff(server, '10.11.0.1')).browser;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('[DUE3] [CLOCK1] a planned first Team Around the Family meeting goes from due to overdue as days pass', async () => {
    const familyId = await createFamily(chair, 'Okafor family');
    const before = await chair.get(duePath);
    const today: string = before.body.today;
    const ours = (body: DueList) => body.families.filter((each) => each.family.id === familyId);
    expect(ours(before.body)).toEqual([]);
    await createMeeting(chair, familyId, { type: 'team-around-the-family', title: 'TAF', date: today });
    const due = { families: ours((await chair.get(duePath)).body) };
    expect(due.families).toMatchObject([
      {
        family: { id: familyId, name: 'Okafor family' },
        items: [
          {
            meetingType: 'team-around-the-family',
            kind: 'first',
            status: 'due',
            countedFrom: { what: 'family-added', date: today },
            planned: { date: today },
          },
        ],
      },
    ]);
    const dueBy = due.families[0]!.items[0]!.dueBy;
    expect(Date.parse(dueBy) - Date.parse(today)).toBe(6 * day);

    const moved = await chair.post('/api/test-clock', { advanceByMs: 7 * day });
    expect(moved.status).toBe(200);
    const later = (await chair.get(duePath)).body;
    expect(later.today > dueBy).toBe(true);
    expect(ours(later)[0]?.items[0]).toMatchObject({
      status: 'overdue',
      dueBy,
    });
  });

  it('[DUE3] answers only signed-in staff, about the families they were given', async () => {
    expect((await fetch(`${server.url}${duePath}`)).status).toBe(401);
    const account = { email: 'kim@county.example', password: 'kims long password here' };
    expect((await chair.post('/api/staff', { ...account, name: 'Kim', role: 'staff' })).status).toBe(201);
    const kim = (await signInStaff(server, '10.11.0.2', account)).browser;
    expect((await kim.get(duePath)).body.families).toEqual([]);
    const own = await createFamily(kim, 'Kim’s family');
    await createMeeting(kim, own, { type: 'child-protection-conference', title: 'ICPC', date: '2099-01-10' });
    const listed = (await kim.get(duePath)).body.families;
    expect(listed.map((each: { family: { id: string } }) => each.family.id)).toEqual([own]);
    expect(listed[0].items[0]).toMatchObject({ kind: 'before', dueBy: '2099-01-07', status: 'due' });
  });
});
