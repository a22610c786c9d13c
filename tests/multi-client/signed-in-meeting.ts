import { expect } from 'vitest';
import type { Browser } from '../helpers/browser.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  signInStaff,
  startSignedInServer,
  type Guest,
  type OpenMeeting,
} from '../helpers/meeting-harness.ts';
import type { TestServer } from '../helpers/server.ts';

export interface SignedInMeetings {
  server: TestServer;
  chair: Browser;
  chairId: string;
  chairCookie: string;
  familyId: string;
  openMeeting(title: string): Promise<OpenMeeting>;
  /** A phone that joined with the code; admitted with `role` unless it is left waiting. */
  guest(meeting: OpenMeeting, role?: string): Promise<Guest>;
}

/**
 * A real server with sign-in on, a signed-in chair with one family, and phones that join its
 * meetings: what the refusal tests start from.
 */
export async function startSignedIn(env: Record<string, string> = {}): Promise<SignedInMeetings> {
  const server = await startSignedInServer(env);
  const { browser: chair, staffId: chairId } = await signInStaff(server, '10.1.0.1');
  const familyId = await createFamily(chair, 'Hollis');
  let phones = 0;
  return {
    server,
    chair,
    chairId,
    chairCookie: cookieOf(chair),
    familyId,
    openMeeting: (title) => createOpenMeeting(chair, familyId, { title }),
    async guest(meeting, role) {
      phones += 1;
      const guest = await joinAsGuest(server, meeting.code, {
        address: `10.2.${Math.floor(phones / 250)}.${phones % 250}`,
        name: `Guest ${phones}`,
        relationship: 'aunt',
      });
      if (role)
        expect((await admitGuest(chair, meeting.meetingId, guest.participantId, role)).status).toBe(200);
      return guest;
    },
  };
}
