import type { IncomingMessage } from 'node:http';
import type * as z from 'zod/mini';
import type { Access } from '../access/access.ts';
import { cameOverHttps, clientAddress, throttleKeyOfAddress } from '../access/request-origin.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import '../zod-messages.ts';
import type { RenderPool } from '../export/render-pool.ts';
import type { Clock, MovableClock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { BoardDocuments } from '../realtime/plan-events.ts';
import type { MetricsFeed } from '../ops/metrics.ts';
import type { Family, Meeting, Staff, Store } from '../store/store.ts';
import { badRequest, forbidden, notFound, Reply, signInNeeded } from './reply.ts';

/** What the API needs from the server. */
export interface ApiDeps {
  store: Store;
  /** The server's one clock: every time a handler dates or compares [CLOCK1]. */
  clock: Clock;
  /** Set only with TEST_CLOCK, for POST /api/test-clock. */
  movableClock?: MovableClock | undefined;
  access: Access;
  audit: AuditLog;
  log: Logger;
  /** PDF, Word and PNG work, in worker threads [EXPORT4]. */
  renders: RenderPool;
  trustProxy: boolean;
  /** REQUIRE_SIGN_IN=false (loopback only [ACCESS18]): GET /api/meetings/:id answers without sign-in. */
  requireSignIn: boolean;
  /** TLDRAW_LICENSE_KEY, handed to the drawing page (GET /api/drawings/settings). */
  tldrawLicenseKey?: string | undefined;
  /** FAMILY_RECORD_YEARS: a family's record is due for review this long after its last meeting [RETAIN3]. */
  familyRecordYears: number;
  /** Drops the meetings' documents from memory, unsaved (a family's erasure [ERASE5]). */
  discardMeetings?: ((meetingIds: readonly string[]) => Promise<void>) | undefined;
  /** The operator's figures [OPS1]; absent when they are off. */
  metrics?: MetricsFeed | undefined;
  /** How staff may sign in: passwords (PASSWORD_SIGN_IN) and the identity provider's name [IDENT7]. */
  signInChoices?: { passwords: boolean; provider: string | undefined } | undefined;
  /** The service's mail server, for staff to email copies [COPY3]; absent when none is configured. */
  mailer?: Mailer | undefined;
  /** The board's loaded documents (the sync server): drafts read, views brought in [DRAFT1] [PRIOR4]. */
  documents?: BoardDocuments | undefined;
}

/** One request, as the handlers see it. */
export class ApiContext {
  readonly deps: ApiDeps;
  readonly request: IncomingMessage;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly #body: unknown;
  readonly now: number;

  constructor(
    deps: ApiDeps,
    request: IncomingMessage,
    url: URL,
    params: Record<string, string>,
    body: unknown,
  ) {
    this.deps = deps;
    this.request = request;
    this.url = url;
    this.params = params;
    this.#body = body;
    this.now = deps.clock.now();
  }

  get store(): Store {
    return this.deps.store;
  }

  get audit(): AuditLog {
    return this.deps.audit;
  }

  get address(): string {
    return clientAddress(this.request, this.deps.trustProxy);
  }

  /** What throttles count this request's address under (an IPv6 address as its /64). */
  get addressKey(): string {
    return throttleKeyOfAddress(this.address);
  }

  /** Cookies get Secure when the browser came over https. */
  get secure(): boolean {
    return cameOverHttps(this.request, this.deps.trustProxy);
  }

  /** The query string, checked by its schema like a body; a 400 naming the first bad field. */
  query<S extends z.ZodMiniType>(schema: S): z.infer<S> | Reply {
    return this.#checked(schema, Object.fromEntries(this.url.searchParams));
  }

  /** The body, checked by its schema from shared/src/access/; a 400 naming the first bad field. */
  body<S extends z.ZodMiniType>(schema: S): z.infer<S> | Reply {
    return this.#checked(schema, this.#body ?? {});
  }

  #checked<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> | Reply {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    return badRequest(
      field ? `Check ${field}: ${issue?.message ?? 'not valid'}.` : `That request was not understood.`,
      field,
    );
  }

  /** The signed-in staff member, or 401. */
  async staff(): Promise<Staff | Reply> {
    return (await this.deps.access.staffOf(this.request.headers)) ?? signInNeeded();
  }

  async admin(): Promise<Staff | Reply> {
    const staff = await this.staff();
    if (staff instanceof Reply || staff.role === 'admin') return staff;
    return forbidden('Only an administrator can do that.');
  }

  /**
   * The family, if the signed-in staff member was given access to it: 401 or 404 otherwise; a
   * family they may not see answers as a missing one [ACCESS28].
   */
  async familyOfStaff(familyId: string): Promise<{ staff: Staff; family: Family } | Reply> {
    const staff = await this.staff();
    if (staff instanceof Reply) return staff;
    const family = await this.store.getFamily(familyId);
    if (!family || !(await this.store.hasFamilyAccess(staff.id, family.id)))
      return notFound('There is no family with that link.');
    return { staff, family };
  }

  /** The meeting, if the signed-in staff member has access to its family; else as a missing one [ACCESS28]. */
  async meetingOfStaff(meetingId: string): Promise<{ staff: Staff; meeting: Meeting } | Reply> {
    const staff = await this.staff();
    if (staff instanceof Reply) return staff;
    const meeting = await this.store.getMeeting(meetingId);
    if (!meeting || !(await this.store.hasFamilyAccess(staff.id, meeting.familyId)))
      return notFound('There is no meeting with that link.');
    return { staff, meeting };
  }
}
