import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { AccessEventMap, AccessEvents } from '../access/access-events.ts';
import { accessLimits, type AccessLimits } from '../access/access.ts';
import type { Logger } from '../log.ts';
import { Cluster } from './cluster.ts';
import { MeetingNewsChannel } from './meeting-news.ts';
import { RedisAttemptLimiter } from './redis-attempt-limiter.ts';
import { RedisDocumentRelay } from './redis-document-relay.ts';

/** Everything a server needs to share its meetings with others through Redis (REDIS_URL). */
export interface ClusterParts {
  cluster: Cluster;
  documents: RedisDocumentRelay;
  news: MeetingNewsChannel;
  limits: AccessLimits;
  socketIoAdapter: NonNullable<ServerOptions['adapter']>;
  /** Sends this server's access events to the others and emits theirs here. */
  relayAccessEvents(events: AccessEvents): void;
  close(): Promise<void>;
}

/** How long a server waits for Redis at start before giving up with a clear message. */
const connectWithinMs = 10_000;

export async function joinCluster(
  url: string,
  log: Logger,
  progress: (step: string) => void,
): Promise<ClusterParts> {
  progress('connecting to Redis (REDIS_URL)');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis (REDIS_URL) did not answer within ${connectWithinMs / 1000} s`)),
      connectWithinMs,
    );
  });
  const cluster = await Promise.race([Cluster.connect(url, log), timeout]).finally(() => clearTimeout(timer));
  const news = await MeetingNewsChannel.over(cluster, log);
  const limits = accessLimits((name, policy) => new RedisAttemptLimiter(cluster.publisher, policy, name));
  // The streams adapter (not pub/sub) so that socket.io's connection-state recovery can work
  // across servers; its blocking reads use a client of their own, which it makes.
  const socketIoAdapter = createAdapter(forgivingSessionWrites(cluster.publisher, log), {
    streamName: 'kinboard:socket.io',
  });
  return {
    cluster,
    documents: new RedisDocumentRelay(cluster, log),
    news,
    limits,
    socketIoAdapter,
    relayAccessEvents(events) {
      const forward =
        <K extends keyof AccessEventMap>(kind: K) =>
        (...[payload]: AccessEventMap[K]) => {
          if (!events.relayed) news.publish({ kind, ...payload } as Parameters<typeof news.publish>[0]);
        };
      events.on('meeting-closed', forward('meeting-closed'));
      events.on('participant-changed', forward('participant-changed'));
      events.on('staff-disabled', forward('staff-disabled'));
      events.on('staff-session-ended', forward('staff-session-ended'));
      news.on('meeting-closed', ({ meetingId }) => events.emitRelayed('meeting-closed', { meetingId }));
      news.on('participant-changed', ({ kind: _kind, ...change }) =>
        events.emitRelayed('participant-changed', change),
      );
      news.on('staff-disabled', ({ staffId }) => events.emitRelayed('staff-disabled', { staffId }));
      news.on('staff-session-ended', ({ staffId, sessionId }) =>
        events.emitRelayed('staff-session-ended', { staffId, sessionId }),
      );
    },
    close: () => cluster.close(),
  };
}

/**
 * The client the socket.io adapter writes with, except that the one write it neither awaits nor
 * catches (`SET`, keeping a dropped socket's session for recovery [ACCESS21]) logs its failure
 * while Redis is away instead of ending the process with an unhandled rejection; that screen
 * then reconnects as a new socket and enters again.
 */
function forgivingSessionWrites<C extends object>(client: C, log: Logger): C {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property !== 'set') return bound;
      return (...args: unknown[]) =>
        Promise.resolve(bound(...args)).catch((error: unknown) => {
          log.warn({ err: error }, 'could not keep a dropped socket for recovery: Redis is away');
          return null;
        });
    },
  });
}
