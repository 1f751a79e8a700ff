import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** One limit: `burst` requests at once, `perMinute` sustained. */
export interface RateLimit {
  /** Sustained requests per minute. */
  perMinute: number;
  /** Requests allowed at once; default `perMinute / 4`, at least 1. */
  burst?: number;
}

/** The verdict on one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The gateway's limits: per client address before the token is looked at, per principal after. */
export interface RateLimitConfig {
  perAddress: RateLimit;
  perPrincipal: RateLimit;
}

export interface RateLimiterOptions {
  /**
   * `REDIS_URL`: the counts live in Redis, so every replica of the gateway shares one limit per
   * address and per principal (N replicas in memory would let N times the limit through). While
   * Redis cannot be reached, each replica counts in its own memory until it can, so an outage of
   * Redis neither stops traffic nor lifts the limits. Absent: counted in this process.
   */
  redisUrl?: string;
  /** Told of Redis errors (without keys), for logs. */
  onError?: (error: Error) => void;
}

/**
 * Limits requests per key (`address:…`, `resident:…`, `staff:…`) with rate-limiter-flexible:
 * a window of `burst` requests that lasts as long as `perMinute` takes to earn them back, so the
 * sustained rate is `perMinute` and at most `burst` pass at once (twice that across a window's
 * edge). A window lasts at least a second (Redis expires keys by the second); a burst smaller than
 * a second's worth of the rate is raised to it. Refused requests do not lengthen the wait.
 */
export class RateLimiter {
  private readonly address: RateLimiterAbstract;
  private readonly principal: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(config: RateLimitConfig, options: RateLimiterOptions = {}) {
    if (options.redisUrl) {
      const url = new URL(options.redisUrl);
      if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`RateLimiter: redisUrl must be redis:// or rediss://, got ${url.protocol}`);
      this.redis = new Redis(options.redisUrl, {
        // A limit that cannot be checked at once is checked in memory instead of queueing the request.
        enableOfflineQueue: false,
        commandTimeout: 100,
        maxRetriesPerRequest: 1,
        retryStrategy: (times) => Math.min(times * 200, 2_000),
        disconnectTimeout: 200,
      });
      const onError = options.onError ?? (() => undefined);
      // ioredis emits connection errors as events; without a listener they would crash the process.
      this.redis.on('error', (error: Error) => onError(error));
    }
    this.address = this.limiter('rate:address', window(config.perAddress));
    this.principal = this.limiter('rate:principal', window(config.perPrincipal));
  }

  takeForAddress(address: string): Promise<RateDecision> {
    return take(this.address, `address:${address}`);
  }

  takeForPrincipal(principalKey: string): Promise<RateDecision> {
    return take(this.principal, principalKey);
  }

  /** Whether the limits are counted in Redis at this moment, shared with the other replicas (false in memory, and while Redis cannot be reached). */
  get shared(): boolean {
    return this.redis?.status === 'ready';
  }

  /** Lets the Redis connection go; limits counted in memory need nothing. */
  async close(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // fall through
      }
    }
    this.redis.disconnect();
  }

  private limiter(keyPrefix: string, limit: { points: number; duration: number }): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ keyPrefix, ...limit });
    if (!this.redis) return memory;
    return new RateLimiterRedis({ storeClient: this.redis, keyPrefix, ...limit, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  }
}

/** The fixed window that gives `limit`'s sustained rate and burst. */
function window(limit: RateLimit): { points: number; duration: number } {
  if (!(limit.perMinute > 0)) throw new Error('a rate limit allows at least some requests per minute');
  const burst = Math.max(1, Math.floor(limit.burst ?? limit.perMinute / 4));
  const duration = Math.max(1, Math.round((burst * 60) / limit.perMinute));
  return { points: Math.max(1, Math.round((limit.perMinute * duration) / 60)), duration };
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<RateDecision> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (outcome) {
    // The library rejects with its verdict when the limit is reached, and with an Error otherwise.
    if (!(outcome instanceof RateLimiterRes)) throw outcome;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
  }
}
