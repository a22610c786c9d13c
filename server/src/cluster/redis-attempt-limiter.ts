import { randomUUID } from 'node:crypto';
import { MemoryAttemptLimiter, type AttemptLimiter, type LimitPolicy } from '../access/attempt-limiter.ts';
import type { RedisClient } from './cluster.ts';

/** A key never needs more history than this to decide (as in memory). */
const maxAttemptsKept = 64;

/**
 * Attempt counts shared by every server (REDIS_URL) [ACCESS3] [ACCESS6]: one sorted set a key,
 * attempt times as scores, trimmed to the policy's memory and expiring with it, so guessing
 * through several servers counts once. While Redis is away each server counts in its own memory
 * instead: the limit still holds per server, and nobody is locked out because Redis is.
 */
export class RedisAttemptLimiter implements AttemptLimiter {
  readonly #redis: RedisClient;
  readonly #policy: LimitPolicy;
  readonly #prefix: string;
  readonly #fallback: MemoryAttemptLimiter;

  constructor(redis: RedisClient, policy: LimitPolicy, name: string) {
    this.#redis = redis;
    this.#policy = policy;
    this.#prefix = `kinboard:attempts:${name}:`;
    this.#fallback = new MemoryAttemptLimiter(policy);
  }

  async retryAfter(key: string, now: number): Promise<number> {
    if (!this.#redis.isReady) return this.#fallback.retryAfter(key, now);
    try {
      const attempts = await this.#recent(key, now);
      return Math.max(0, this.#policy.blockedUntil(attempts) - now);
    } catch {
      return this.#fallback.retryAfter(key, now);
    }
  }

  async record(key: string, now: number): Promise<number> {
    if (!this.#redis.isReady) return this.#fallback.record(key, now);
    const redisKey = this.#prefix + key;
    try {
      await this.#redis
        .multi()
        // A random member, so two attempts in one millisecond both count.
        .zAdd(redisKey, { score: now, value: `${now}:${randomUUID()}` })
        .zRemRangeByRank(redisKey, 0, -maxAttemptsKept - 1)
        .pExpire(redisKey, this.#policy.rememberMs)
        .exec();
      const attempts = await this.#recent(key, now);
      return Math.max(0, this.#policy.blockedUntil(attempts) - now);
    } catch {
      return this.#fallback.record(key, now);
    }
  }

  async reset(key: string): Promise<void> {
    await this.#fallback.reset(key);
    if (this.#redis.isReady) await this.#redis.del(this.#prefix + key).catch(() => {});
  }

  /** The key's attempt times within the policy's memory, oldest first. */
  async #recent(key: string, now: number): Promise<number[]> {
    const redisKey = this.#prefix + key;
    const since = now - this.#policy.rememberMs;
    const [, members] = (await this.#redis
      .multi()
      .zRemRangeByScore(redisKey, '-inf', since)
      .zRangeWithScores(redisKey, 0, -1)
      .exec()) as [unknown, { score: number; value: string }[]];
    return members.map((member) => member.score);
  }
}
