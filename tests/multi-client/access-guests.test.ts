import { joinCodeAlphabet, joinCodeLength } from '@kinboard/shared/access/join-code';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { useMeetingSuite } from '../helpers/meeting-suite.ts';
import { adminPassword, Browser, type Answer } from './access-http.ts';

const codePattern = new RegExp(`^[${joinCodeAlphabet}]{${joinCodeLength}}$`);

describe('joining a meeting from a phone, the lobby, and the end of the meeting', () => {
  let server: TestServer;
  let chair: Browser;
  let familyId: string;

  const suite = useMeetingSuite({ chairAddress: '10.0.0.1', family: 'Hollis' });
  beforeAll(async () => {
    ({ server, chair, familyId } = suite);
  });

  async function openMeeting(title: string): Promise<{ meetingId: string; code: string }> {
    const made = await chair.post(`/api/families/${familyId}/meetings`, {
      type: 'family-network-meeting',
      date: '2026-12-01',
      title,
    });
    expect(made.status).toBe(201);
    expect(made.body.meeting).toMatchObject({ state: 'preparing', joinCode: null });
    const meetingId: string = made.body.meeting.id;
    const opened = await chair.post(`/api/meetings/${meetingId}/open`);
    expect(opened.status).toBe(200);
    return { meetingId, code: opened.body.joinCode };
  }

  const join = (phone: Browser, code: string, name = 'Nan Hollis'): Promise<Answer> =>
    phone.post('/api/join', { code, name, relationship: 'grandmother' });

  it('[ACCESS2] an administrator from ADMIN_EMAIL / ADMIN_PASSWORD, and no setup link printed', () => {
    expect(server.output()).toMatch(/created the first administrator \(chair@example\.org\)/);
    expect(server.output()).not.toMatch(/setup\?token=/);
  });

  it('[ACCESS6] [ACCESS7] a phone joins with the code, waits, is admitted, rejoins without a second admission, and is out when the meeting closes', async () => {
    const { meetingId, code } = await openMeeting('Family network meeting');
    expect(code).toMatch(codePattern);
    // Opening again keeps the code the room was told.
    expect((await chair.post(`/api/meetings/${meetingId}/open`)).body.joinCode).toBe(code);
    expect((await chair.get(`/api/meetings/${meetingId}`)).body.meeting).toMatchObject({
      state: 'open',
      joinCode: code,
    });

    const phone = new Browser(server, '10.0.0.2');
    expect((await phone.get(`/api/meetings/${meetingId}`)).status).toBe(401);
    // Typed in lower case with a space, as people do.
    const joined = await join(phone, `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ meetingId, status: 'waiting' });
    const participantId: string = joined.body.participantId;
    const cookie = joined.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(new RegExp(`^kinboard_guest=${participantId}\\.[\\w-]{43};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);

    // Waiting: the phone sees its status but not the meeting.
    expect((await phone.get('/api/join/status')).body).toMatchObject({
      participantId,
      status: 'waiting',
      role: null,
    });
    expect((await phone.get(`/api/meetings/${meetingId}`)).status).toBe(404);

    const lobby = await chair.get(`/api/meetings/${meetingId}/lobby`);
    expect(lobby.body.participants).toEqual([
      expect.objectContaining({
        id: participantId,
        name: 'Nan Hollis',
        relationship: 'grandmother',
        status: 'waiting',
      }),
    ]);
    expect(JSON.stringify(lobby.body)).not.toMatch(/pass/i);

    // A guest cannot let themselves in, nor be made staff.
    expect(
      (await phone.post(`/api/meetings/${meetingId}/participants/${participantId}/admit`, { role: 'family' }))
        .status,
    ).toBe(401);
    expect(
      (await chair.post(`/api/meetings/${meetingId}/participants/${participantId}/admit`, { role: 'staff' }))
        .status,
    ).toBe(400);
    const admitted = await chair.post(`/api/meetings/${meetingId}/participants/${participantId}/admit`, {
      role: 'family',
    });
    expect(admitted.body.participant).toMatchObject({ status: 'admitted', role: 'family' });
    expect((await phone.get('/api/join/status')).body).toMatchObject({ status: 'admitted', role: 'family' });
    const seen = await phone.get(`/api/meetings/${meetingId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.meeting.joinCode).toBeUndefined();
    expect(seen.body.documents).toEqual({
      map: `${meetingId}.map`,
      frame: `${meetingId}.frame`,
      plan: `${meetingId}.plan`,
      'drawing-genogram': `${meetingId}.drawing-genogram`,
      'drawing-houses': `${meetingId}.drawing-houses`,
      'drawing-story': `${meetingId}.drawing-story`,
    });

    // The connection dropped and the phone comes back through the join page: same place, still admitted.
    const rejoined = await join(phone, code);
    expect(rejoined.status).toBe(200);
    expect(rejoined.body).toMatchObject({ participantId, status: 'admitted', role: 'family' });
    expect((await chair.get(`/api/meetings/${meetingId}/lobby`)).body.participants).toHaveLength(1);

    expect(
      (
        await chair.post(`/api/meetings/${meetingId}/participants/${participantId}/role`, {
          role: 'observer',
        })
      ).body.participant.role,
    ).toBe('observer');

    // Someone the chair turns away.
    const stranger = new Browser(server, '10.0.0.3');
    const strangerId: string = (await join(stranger, code, 'Unknown')).body.participantId;
    expect((await chair.post(`/api/meetings/${meetingId}/participants/${strangerId}/refuse`)).status).toBe(
      200,
    );
    expect((await stranger.get('/api/join/status')).body.status).toBe('refused');
    expect((await stranger.get(`/api/meetings/${meetingId}`)).status).toBe(404);
    expect((await join(stranger, code, 'Unknown again')).body).toMatchObject({
      participantId: strangerId,
      status: 'refused',
    });

    // The chair closes the meeting: the code is dead and every guest is out.
    const closed = await chair.post(`/api/meetings/${meetingId}/close`);
    expect(closed.body.meeting).toMatchObject({ state: 'closed', joinCode: null });
    expect((await phone.get('/api/join/status')).body.status).toBe('left');
    expect((await phone.get(`/api/meetings/${meetingId}`)).status).toBe(404);
    expect((await join(phone, code)).status).toBe(404);
    expect((await join(new Browser(server, '10.0.0.4'), code)).status).toBe(404);
    expect((await chair.post(`/api/meetings/${meetingId}/open`)).status).toBe(409);
    // Staff keep the record.
    expect((await chair.get(`/api/meetings/${meetingId}`)).status).toBe(200);

    const audit = (await chair.get(`/api/families/${familyId}/audit?limit=500`)).body.entries as {
      action: string;
      meetingId?: string;
      detail: Record<string, unknown>;
    }[];
    const ofMeeting = audit.filter((entry) => entry.meetingId === meetingId).map((entry) => entry.action);
    expect(ofMeeting).toEqual([
      'meeting.created',
      'meeting.opened',
      'participant.joined',
      'participant.admitted',
      'participant.rejoined',
      'participant.role-changed',
      'participant.joined',
      'participant.refused',
      'participant.rejoined',
      'meeting.closed',
    ]);
    expect(audit.find((entry) => entry.action === 'participant.role-changed')?.detail).toMatchObject({
      participantId,
      role: 'observer',
      previousRole: 'family',
    });
  });

  it('[ACCESS5] staff without access to the family cannot open, close or run its lobby', async () => {
    const { meetingId } = await openMeeting('Core group');
    await chair.post('/api/staff', {
      email: 'other@example.org',
      name: 'Other',
      password: adminPassword,
      role: 'staff',
    });
    const other = new Browser(server, '10.0.0.9');
    await other.post('/api/session', { email: 'other@example.org', password: adminPassword });
    for (const path of ['open', 'close'])
      expect((await other.post(`/api/meetings/${meetingId}/${path}`)).status).toBe(404);
    expect((await other.get(`/api/meetings/${meetingId}/lobby`)).status).toBe(404);
    expect((await other.get(`/api/meetings/${meetingId}`)).status).toBe(404);
  });

  it('[ACCESS3] cookies are Secure when the browser came over https through a trusted proxy', async () => {
    const answer = await new Browser(server, '10.0.0.10').post(
      '/api/session',
      { email: 'chair@example.org', password: adminPassword },
      { 'x-forwarded-proto': 'https' },
    );
    expect(answer.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });
});
