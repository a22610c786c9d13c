import { randomUUID } from 'node:crypto';
import {
  MemoryAttemptLimiter,
  type AttemptLimiter,
  type LimitPolicy,
  type Taken,
} from '../access/attempt-limiter.ts';
import type { RedisClient } from './cluster.ts';

type Member = { score: number; value: string };

/**
 * Attempt counts shared by every server (REDIS_URL) [ACCESS3] [ACCESS6]: one sorted set a key,
 * attempt times as scores, trimmed to what the policy needs and expiring with its memory, so
 * guessing through several servers counts once. While Redis is away each server counts in its
 * own memory instead: the limit still holds per server, and nobody is shut out because Redis is.
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
      const members = await this.#recent(key, now);
      return this.#wait(members, now);
    } catch {
      return this.#fallback.retryAfter(key, now);
    }
  }

  async record(key: string, now: number): Promise<number> {
    if (!this.#redis.isReady) return this.#fallback.record(key, now);
    try {
      const { members } = await this.#add(key, now);
      return this.#wait(members, now);
    } catch {
      return this.#fallback.record(key, now);
    }
  }

  /**
   * Adds the attempt, then reads the set back: whether it may go is decided on the attempts
   * ordered before it (by time, then by the random member), so of several servers' attempts at
   * once only those the policy allows go ahead; a refused one is taken out again.
   */
  async take(key: string, now: number): Promise<Taken> {
    if (!this.#redis.isReady) return this.#fallback.take(key, now);
    const redisKey = this.#prefix + key;
    try {
      const { member, members } = await this.#add(key, now);
      const mine = members.findIndex((each) => each.value === member);
      const before = mine < 0 ? members : members.slice(0, mine);
      const wait = this.#wait(before, now);
      const refund = async () => {
        await this.#redis.zRem(redisKey, member).catch(() => {});
      };
      if (wait > 0) await refund();
      return { wait, before: before.length, refund: wait > 0 ? async () => {} : refund };
    } catch {
      return this.#fallback.take(key, now);
    }
  }

  async reset(key: string): Promise<void> {
    await this.#fallback.reset(key);
    if (this.#redis.isReady) await this.#redis.del(this.#prefix + key).catch(() => {});
  }

  #wait(members: readonly Member[], now: number): number {
    return Math.max(0, this.#policy.blockedUntil(members.map((each) => each.score)) - now);
  }

  async #add(key: string, now: number): Promise<{ member: string; members: Member[] }> {
    const redisKey = this.#prefix + key;
    // A random member, so two attempts in one millisecond both count.
    const member = `${now}:${randomUUID()}`;
    await this.#redis
      .multi()
      .zAdd(redisKey, { score: now, value: member })
      .zRemRangeByRank(redisKey, 0, -this.#policy.keep - 2)
      .pExpire(redisKey, this.#policy.rememberMs)
      .exec();
    return { member, members: await this.#recent(key, now) };
  }

  /** The key's attempts within the policy's memory, oldest first. */
  async #recent(key: string, now: number): Promise<Member[]> {
    const redisKey = this.#prefix + key;
    const since = now - this.#policy.rememberMs;
    const [, members] = (await this.#redis
      .multi()
      .zRemRangeByScore(redisKey, '-inf', since)
      .zRangeWithScores(redisKey, 0, -1)
      .exec()) as [unknown, Member[]];
    return members;
  }
}
