import { startServer, type TestServer } from './server.ts';
import { Browser, type Answer } from './browser.ts';

/**
 * The steps most multi-server, fault and end-to-end tests take before their own: a server with
 * sign-in on, the first administrator signed in, a family with a meeting opened for a join code,
 * and a phone that joins with it and is admitted by the chair. Each step is plain HTTP against the
 * real server; tests still assert on the answers where that is what they test.
 */

export const adminEmail = 'chair@example.org';
export const adminPassword = 'an admin password of some length';

/** The cookie header a browser would send, for Yjs and socket.io clients. */
export const cookieOf = (browser: Browser) =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** Sign-in required, X-Forwarded-For trusted (tests pose as many addresses), a first administrator. */
export const signedInEnv = {
  REQUIRE_SIGN_IN: 'true',
  TRUST_PROXY: 'true',
  ADMIN_EMAIL: adminEmail,
  ADMIN_PASSWORD: adminPassword,
};

/** A real server started with `signedInEnv` (and `env` on top). */
export function startSignedInServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startServer({ env: { ...signedInEnv, ...env } });
}

export interface SignedInStaff {
  browser: Browser;
  staffId: string;
  /** The server's answer to the sign-in. */
  signedIn: Answer;
}

/** A browser from `address` signed in as staff (the first administrator unless told otherwise). */
export async function signInStaff(
  server: TestServer,
  address: string,
  account: { email: string; password: string } = { email: adminEmail, password: adminPassword },
): Promise<SignedInStaff> {
  const browser = new Browser(server, address);
  const signedIn = await browser.post('/api/session', account);
  return { browser, staffId: signedIn.body?.staff?.id, signedIn };
}

/** A new family's id; `more` carries children, network and the like where a test needs them. */
export async function createFamily(
  staff: Browser,
  name: string,
  more: Record<string, unknown> = {},
): Promise<string> {
  return (await staff.post('/api/families', { name, ...more })).body.family.id;
}

export interface MeetingDetails {
  title: string;
  date?: string;
  type?: string;
}

export async function createMeeting(
  staff: Browser,
  familyId: string,
  meeting: MeetingDetails,
): Promise<string> {
  const made = await staff.post(`/api/families/${familyId}/meetings`, {
    type: meeting.type ?? 'family-network-meeting',
    date: meeting.date ?? '2026-12-01',
    title: meeting.title,
  });
  return made.body.meeting.id;
}

export interface OpenMeeting {
  meetingId: string;
  code: string;
}

/** Opens a meeting for joining and returns its join code. */
export async function openMeeting(staff: Browser, meetingId: string): Promise<string> {
  return (await staff.post(`/api/meetings/${meetingId}/open`)).body.joinCode;
}

/** A new meeting of the family, opened: its id and join code. */
export async function createOpenMeeting(
  staff: Browser,
  familyId: string,
  meeting: MeetingDetails,
): Promise<OpenMeeting> {
  const meetingId = await createMeeting(staff, familyId, meeting);
  return { meetingId, code: await openMeeting(staff, meetingId) };
}

export interface Guest {
  phone: Browser;
  participantId: string;
  cookie: string;
  /** The author key the server records for the guest's words. */
  key: string;
  /** The server's answer to the join. */
  joined: Answer;
}

/** A phone from `address` that joins with the code; it waits in the lobby until admitted. */
export async function joinAsGuest(
  server: TestServer,
  code: string,
  guest: { address: string; name: string; relationship: string },
): Promise<Guest> {
  const phone = new Browser(server, guest.address);
  const joined = await phone.post('/api/join', { code, name: guest.name, relationship: guest.relationship });
  const participantId: string = joined.body.participantId;
  return { phone, participantId, cookie: cookieOf(phone), key: `guest:${participantId}`, joined };
}

/** The chair admits a waiting guest with `role`; the answer is the test's to check. */
export function admitGuest(
  chair: Browser,
  meetingId: string,
  participantId: string,
  role: string,
): Promise<Answer> {
  return chair.post(`/api/meetings/${meetingId}/participants/${participantId}/admit`, { role });
}
