import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createClient } from 'redis';
import type { Logger } from '../log.ts';

export type RedisClient = ReturnType<typeof createClient>;

/** A lock expires by itself if its holder dies; a change to a meeting takes milliseconds. */
const lockTtlMs = 5_000;
/** How long to wait for a lock before acting anyway (the holder may be stuck, not dead). */
const lockWaitMs = 5_000;
/** Deletes the lock only if it is still ours (it may have expired and been taken). */
const unlockScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface ClusterEventMap {
  /** Redis answers again after being lost: whatever was published meanwhile never arrived. */
  reconnected: [];
}

/**
 * This server's link to the others through Redis (REDIS_URL): pub/sub channels for the board's
 * updates and presence and for decided-state changes, and the clients socket.io's streams adapter
 * uses. Redis carries news only; everything that must last is in the store first, so a message
 * lost while Redis is away is recovered by reading the store when it returns.
 *
 * While Redis is down the server keeps serving its own clients: publishes are dropped (never
 * queued), `connected` is false (/healthz says so), and `reconnected` fires when it is back.
 */
export class Cluster extends EventEmitter<ClusterEventMap> {
  /** Tags what this server publishes, so it ignores its own messages. */
  readonly serverId = randomUUID();
  readonly publisher: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #log: Logger;
  readonly #listeners = new Map<string, Set<(message: Buffer) => void>>();
  /** Channels whose SUBSCRIBE failed (Redis away): node-redis forgets them, so they are retried. */
  readonly #unconfirmed = new Set<string>();
  #lost = false;
  #closed = false;

  private constructor(url: string, log: Logger) {
    super();
    this.#log = log;
    const options = {
      url,
      // Never give up; retry at most every 2 s, so a returning Redis is found quickly.
      socket: {
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
        connectTimeout: 3_000,
      },
      // A command sent while Redis is away fails at once instead of piling up in memory.
      disableOfflineQueue: true,
    };
    this.publisher = createClient(options);
    // socket.io's streams adapter publishes on this client (failing fast, so its local delivery is
    // never held up) and reads its stream on a duplicate in a loop that retries at once: that
    // reader must wait for Redis instead of failing, or the loop would spin while Redis is away.
    const duplicate = this.publisher.duplicate.bind(this.publisher);
    this.publisher.duplicate = ((overrides?: Parameters<typeof duplicate>[0]) =>
      duplicate({ ...overrides, disableOfflineQueue: false })) as typeof duplicate;
    this.#subscriber = createClient(options);
    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.#subscriber],
    ] as const) {
      client.on('error', (error: unknown) => {
        if (!this.#lost && !this.#closed)
          this.#log.error({ err: error, client: name }, 'Redis is unreachable; serving local clients only');
        this.#lost = true;
      });
      client.on('ready', () => this.#maybeBack());
    }
  }

  static async connect(url: string, log: Logger): Promise<Cluster> {
    const cluster = new Cluster(url, log);
    await Promise.all([cluster.publisher.connect(), cluster.#subscriber.connect()]);
    return cluster;
  }

  /** Both clients answer: what this server publishes reaches the others, and theirs reach it. */
  get connected(): boolean {
    return this.publisher.isReady && this.#subscriber.isReady;
  }

  #maybeBack(): void {
    if (!this.#lost || !this.connected) return;
    this.#lost = false;
    void (async () => {
      // Subscribed again before anyone rereads the store, so nothing falls between the two.
      await Promise.all([...this.#unconfirmed].map((channel) => this.#subscribeChannel(channel)));
      this.#log.warn('Redis is back; catching up from the store');
      this.emit('reconnected');
    })();
  }

  async #subscribeChannel(channel: string): Promise<void> {
    this.#unconfirmed.delete(channel);
    try {
      await this.#subscriber.subscribe(
        channel,
        (message: Buffer) => {
          for (const each of this.#listeners.get(channel) ?? []) each(message);
        },
        true,
      );
    } catch (error) {
      if (this.#listeners.has(channel)) this.#unconfirmed.add(channel);
      this.#log.debug({ err: error, channel }, 'subscription waits for Redis');
    }
  }

  /**
   * Runs `work` while no other server runs work under the same name (a Redis lock, SET NX PX,
   * released only by its holder). While Redis is away, or after waiting `lockWaitMs`, it runs
   * anyway: each server then decides alone, as it would with no other server.
   */
  async exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    const key = `kinboard:lock:${name}`;
    const token = randomUUID();
    const deadline = Date.now() + lockWaitMs;
    let held = false;
    while (this.publisher.isReady && !held && Date.now() < deadline) {
      try {
        held =
          (await this.publisher.set(key, token, {
            condition: 'NX',
            expiration: { type: 'PX', value: lockTtlMs },
          })) === 'OK';
      } catch {
        break;
      }
      if (!held) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (!held) this.#log.warn({ lock: name }, 'acting without the cluster lock');
    try {
      return await work();
    } finally {
      if (held)
        await this.publisher.eval(unlockScript, { keys: [key], arguments: [token] }).catch(() => undefined);
    }
  }

  /** Best effort: a message that cannot be sent now is dropped, and the store fills the gap. */
  publish(channel: string, message: Buffer): void {
    if (!this.publisher.isReady) return;
    this.publisher.publish(channel, message).catch((error: unknown) => {
      this.#log.debug({ err: error, channel }, 'a cluster message was not sent');
    });
  }

  /** Resolves once Redis has confirmed the subscription (or at once if Redis is away). */
  async subscribe(channel: string, listener: (message: Buffer) => void): Promise<void> {
    const listeners = this.#listeners.get(channel);
    if (listeners) {
      listeners.add(listener);
      return;
    }
    this.#listeners.set(channel, new Set([listener]));
    // Once confirmed, node-redis resubscribes by itself whenever it reconnects.
    await this.#subscribeChannel(channel);
  }

  async unsubscribe(channel: string, listener: (message: Buffer) => void): Promise<void> {
    const listeners = this.#listeners.get(channel);
    if (!listeners) return;
    listeners.delete(listener);
    if (listeners.size > 0) return;
    this.#listeners.delete(channel);
    this.#unconfirmed.delete(channel);
    await this.#subscriber.unsubscribe(channel).catch(() => {});
  }

  /** Closes both clients; with Redis away it does not wait for it (a graceful close would). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(
      [this.publisher, this.#subscriber].map(async (client) => {
        if (!client.isReady) return client.destroy();
        const timer = setTimeout(() => client.destroy(), 2_000);
        try {
          await client.close();
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }
}
