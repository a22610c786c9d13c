import { planStages } from '@kinboard/shared';
import { guestRoles, participantStatuses } from '@kinboard/shared/access/roles';
import * as z from 'zod/mini';
import type { Logger } from '../log.ts';
import type { Cluster } from './cluster.ts';

/**
 * What one server tells the others after it has stored a decision, so they update what they
 * hold in memory and tell their own sockets. The decision itself is in the store already: news
 * only says where to look.
 */
export const meetingNewsSchema = z.discriminatedUnion('kind', [
  /**
   * The chair's live state changed (focus, follow, locks, timer): the stored state, checked by
   * MeetingLiveStates' own schema, so the sync layer's column locks hold the moment it arrives.
   */
  z.object({
    kind: z.literal('live-state'),
    meetingId: z.string().check(z.minLength(1)),
    state: z.unknown(),
  }),
  /** The plan's stage changed: the sync layer locks or unlocks the plan. */
  z.object({
    kind: z.literal('plan-stage'),
    meetingId: z.string().check(z.minLength(1)),
    stage: z.enum(planStages),
  }),
  /** The scaling round changed: each server sends its own screens their view. */
  z.object({ kind: z.literal('scaling'), meetingId: z.string().check(z.minLength(1)) }),
  /**
   * A family is being erased: each server drops these meetings' documents from memory without
   * saving them, so none stores or folds an edit of them afterwards [ERASE8].
   */
  z.object({
    kind: z.literal('meetings-discarded'),
    meetingIds: z.array(z.string().check(z.minLength(1))).check(z.maxLength(100_000)),
  }),
  /** Someone's access changed: each server closes or re-checks its own connections. */
  z.object({ kind: z.literal('meeting-closed'), meetingId: z.string().check(z.minLength(1)) }),
  z.object({
    kind: z.literal('participant-changed'),
    meetingId: z.string().check(z.minLength(1)),
    participantId: z.string().check(z.minLength(1)),
    status: z.enum(participantStatuses),
    role: z.optional(z.enum(guestRoles)),
  }),
  z.object({
    kind: z.literal('session-ended'),
    staffId: z.string().check(z.minLength(1)),
    sessionId: z.string().check(z.minLength(1)),
  }),
  z.object({
    kind: z.literal('staff-access-ended'),
    staffId: z.string().check(z.minLength(1)),
    why: z.enum(['disabled', 'password-changed', 'role-lowered']),
    exceptSessionId: z.optional(z.string().check(z.minLength(1))),
  }),
  z.object({
    kind: z.literal('family-access-removed'),
    staffId: z.string().check(z.minLength(1)),
    familyId: z.string().check(z.minLength(1)),
  }),
  z.object({
    kind: z.literal('pass-ended'),
    passId: z.string().check(z.minLength(1)),
    familyId: z.string().check(z.minLength(1)),
  }),
]);
export type MeetingNews = z.infer<typeof meetingNewsSchema>;
type Kind = MeetingNews['kind'];
type NewsOf<K extends Kind> = Extract<MeetingNews, { kind: K }>;

const channel = 'kinboard:meeting-news';
const envelopeSchema = z.object({ from: z.string(), news: meetingNewsSchema });

/**
 * The news channel between servers. Alone (no REDIS_URL) nothing is sent and nothing arrives.
 * Handlers run only for other servers' news: this server has already acted on its own.
 */
export class MeetingNewsChannel {
  readonly #cluster: Cluster | undefined;
  readonly #log: Logger;
  readonly #handlers = new Map<Kind, Set<(news: MeetingNews) => void>>();

  private constructor(cluster: Cluster | undefined, log: Logger) {
    this.#cluster = cluster;
    this.#log = log;
  }

  static alone(log: Logger): MeetingNewsChannel {
    return new MeetingNewsChannel(undefined, log);
  }

  static async over(cluster: Cluster, log: Logger): Promise<MeetingNewsChannel> {
    const news = new MeetingNewsChannel(cluster, log);
    await cluster.subscribe(channel, (raw) => news.#receive(raw));
    return news;
  }

  /** True when other servers may hold copies of what this one decides. */
  get shared(): boolean {
    return this.#cluster !== undefined;
  }

  /**
   * Runs one change to a meeting's decided state while no other server changes it (`Cluster.exclusively`);
   * alone, it just runs (the caller already queues changes within this process).
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.#cluster ? this.#cluster.exclusively(name, work) : work();
  }

  publish(news: MeetingNews): void {
    const cluster = this.#cluster;
    if (!cluster) return;
    cluster.publish(channel, Buffer.from(JSON.stringify({ from: cluster.serverId, news })));
  }

  on<K extends Kind>(kind: K, handler: (news: NewsOf<K>) => void): void {
    let handlers = this.#handlers.get(kind);
    if (!handlers) this.#handlers.set(kind, (handlers = new Set()));
    handlers.add(handler as (news: MeetingNews) => void);
  }

  /** Redis came back after news may have been lost. */
  onGap(listener: () => void): void {
    this.#cluster?.on('reconnected', listener);
  }

  #receive(raw: Buffer): void {
    let envelope: z.infer<typeof envelopeSchema>;
    try {
      envelope = envelopeSchema.parse(JSON.parse(raw.toString('utf8')));
    } catch (error) {
      this.#log.warn({ err: error }, 'unreadable meeting news was ignored');
      return;
    }
    if (envelope.from === this.#cluster?.serverId) return;
    for (const handler of this.#handlers.get(envelope.news.kind) ?? []) {
      try {
        handler(envelope.news);
      } catch (error) {
        this.#log.error({ err: error, kind: envelope.news.kind }, 'meeting news could not be applied');
      }
    }
  }
}
