import type { FamilyRetention } from '@kinboard/shared/access/family-retention';
import { m } from '$lib/paraglide/messages.js';

/** What the API answered: the body on success, or its plain message (and field) on failure. */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; error: string; message: string; field?: string; retryAfterSeconds?: number };

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  field?: unknown;
  retryAfterSeconds?: unknown;
}

/**
 * Calls the Kinboard API on this origin. The server's error messages are plain sentences a
 * screen can show as they are; when there is no answer at all (no signal), the person is told
 * so instead. Cookies go with every request (same origin), never a token in script.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  fetcher: typeof globalThis.fetch = globalThis.fetch,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetcher(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, error: 'offline', message: m.access_noConnection() };
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const failure = (parsed ?? {}) as ErrorBody;
  return {
    ok: false,
    status: response.status,
    error: typeof failure.error === 'string' ? failure.error : 'failed',
    message: typeof failure.message === 'string' ? failure.message : m.access_somethingWrong(),
    field: typeof failure.field === 'string' ? failure.field : undefined,
    retryAfterSeconds: typeof failure.retryAfterSeconds === 'number' ? failure.retryAfterSeconds : undefined,
  };
}

/** A staff account as GET /api/session and /api/staff describe it. */
export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'staff';
  disabled: boolean;
  createdAt: number;
}

export interface MeetingSummary {
  id: string;
  familyId: string;
  type: string;
  title: string;
  date: string;
  state: 'preparing' | 'open' | 'agreed' | 'closed';
  joinCode: string | null;
}

export interface FamilySummary {
  id: string;
  name: string;
  createdAt?: number;
}

export interface FamilyDetails {
  family: FamilySummary;
  children: { id: string; name: string; bornOn?: string | null }[];
  network: { id: string; name: string; relationship: string; contact?: string | null }[];
  meetings: MeetingSummary[];
  /** When the family's retention period ends [RETAIN3]. */
  retention: FamilyRetention;
}

export interface LobbyPerson {
  id: string;
  name: string;
  relationship: string;
  role: string | null;
  status: 'waiting' | 'admitted' | 'refused' | 'left';
  joinedAt: number;
  decidedAt: number | null;
}

export interface JoinStatus {
  participantId: string;
  meetingId: string;
  status: 'waiting' | 'admitted' | 'refused' | 'left';
  role: string | null;
}

/** Who is signed in on this browser, or undefined (401) / the failure. */
export async function currentStaff(
  fetcher: typeof globalThis.fetch = globalThis.fetch,
): Promise<ApiResult<{ staff: StaffAccount }>> {
  return api<{ staff: StaffAccount }>('GET', '/api/session', undefined, fetcher);
}

/** Only paths on this site are followed after sign-in, so a link cannot send someone elsewhere. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/staff';
  return next;
}
