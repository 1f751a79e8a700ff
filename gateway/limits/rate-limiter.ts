/** One limit: a bucket of `burst` requests refilled at `perMinute`. */
export interface RateLimit {
  /** Sustained requests per minute. */
  perMinute: number;
  /** Requests allowed at once on top of an empty minute; default `perMinute / 4`, at least 1. */
  burst?: number;
}

/** The verdict on one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Where the buckets live. In memory, each gateway replica limits on its own (N replicas let N
 * times the limit through); a store on Redis shares the buckets: the same token-bucket arithmetic
 * in one Lua script (`EVALSHA` on the key, `PEXPIRE` to let idle buckets go), so a take is one
 * round trip and atomic across replicas.
 */
export interface RateLimitStore {
  take(key: string, limit: Required<RateLimit>, nowMs: number): Promise<RateDecision> | RateDecision;
}

/** Token buckets in this process, forgotten once full again (an idle key costs nothing). */
export class InMemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number; burst: number; perMs: number }>();
  private lastSweepMs = 0;

  constructor(private readonly maxKeys = 200_000) {}

  take(key: string, limit: Required<RateLimit>, nowMs: number): RateDecision {
    const perMs = limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedMs: nowMs, burst: limit.burst, perMs };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (nowMs - bucket.updatedMs) * perMs);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      this.sweep(nowMs);
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  /** Drops buckets that have refilled: they are the same as no bucket. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < 10_000 && this.buckets.size < this.maxKeys) return;
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.updatedMs) * bucket.perMs >= bucket.burst) this.buckets.delete(key);
    }
    // Under a flood of distinct keys, forgetting is safer than growing without bound.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

/** The gateway's limits: per client address before the token is looked at, per principal after. */
export interface RateLimitConfig {
  perAddress: RateLimit;
  perPrincipal: RateLimit;
}

/** Limits requests per key (`address:…`, `resident:…`, `staff:…`). */
export class RateLimiter {
  private readonly address: Required<RateLimit>;
  private readonly principal: Required<RateLimit>;

  constructor(
    config: RateLimitConfig,
    private readonly store: RateLimitStore = new InMemoryRateLimitStore(),
    private readonly now: () => number = Date.now,
  ) {
    this.address = complete(config.perAddress);
    this.principal = complete(config.perPrincipal);
  }

  takeForAddress(address: string): Promise<RateDecision> {
    return Promise.resolve(this.store.take(`address:${address}`, this.address, this.now()));
  }

  takeForPrincipal(principalKey: string): Promise<RateDecision> {
    return Promise.resolve(this.store.take(principalKey, this.principal, this.now()));
  }
}

function complete(limit: RateLimit): Required<RateLimit> {
  if (!(limit.perMinute > 0)) throw new Error('a rate limit allows at least some requests per minute');
  return { perMinute: limit.perMinute, burst: Math.max(1, Math.floor(limit.burst ?? limit.perMinute / 4)) };
}
