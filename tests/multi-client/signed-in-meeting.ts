import { expect } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { adminPassword, Browser } from './access-http.ts';

export const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

export interface Guest {
  phone: Browser;
  participantId: string;
  cookie: string;
  key: string;
}

export interface SignedInMeetings {
  server: TestServer;
  chair: Browser;
  chairId: string;
  chairCookie: string;
  familyId: string;
  openMeeting(title: string): Promise<{ meetingId: string; code: string }>;
  /** A phone that joined with the code; admitted with `role` unless it is left waiting. */
  guest(meeting: { meetingId: string; code: string }, role?: string): Promise<Guest>;
}

/**
 * A real server with sign-in on, a signed-in chair with one family, and phones that join its
 * meetings: what the refusal tests start from.
 */
export async function startSignedIn(env: Record<string, string> = {}): Promise<SignedInMeetings> {
  const server = await startServer({
    env: {
      REQUIRE_SIGN_IN: 'true',
      TRUST_PROXY: 'true',
      ADMIN_EMAIL: 'chair@example.org',
      ADMIN_PASSWORD: adminPassword,
      ...env,
    },
  });
  const chair = new Browser(server, '10.1.0.1');
  const signedIn = await chair.post('/api/session', { email: 'chair@example.org', password: adminPassword });
  const chairId: string = signedIn.body.staff.id;
  const familyId: string = (await chair.post('/api/families', { name: 'Hollis' })).body.family.id;
  let phones = 0;
  return {
    server,
    chair,
    chairId,
    chairCookie: cookieOf(chair),
    familyId,
    async openMeeting(title) {
      const made = await chair.post(`/api/families/${familyId}/meetings`, {
        type: 'family-network-meeting',
        date: '2026-12-01',
        title,
      });
      const meetingId: string = made.body.meeting.id;
      const opened = await chair.post(`/api/meetings/${meetingId}/open`);
      return { meetingId, code: opened.body.joinCode };
    },
    async guest(meeting, role) {
      const phone = new Browser(server, `10.2.${Math.floor(++phones / 250)}.${phones % 250}`);
      const joined = await phone.post('/api/join', {
        code: meeting.code,
        name: `Guest ${phones}`,
        relationship: 'aunt',
      });
      const participantId: string = joined.body.participantId;
      if (role)
        expect(
          (
            await chair.post(`/api/meetings/${meeting.meetingId}/participants/${participantId}/admit`, {
              role,
            })
          ).status,
        ).toBe(200);
      return { phone, participantId, cookie: cookieOf(phone), key: `guest:${participantId}` };
    },
  };
}
