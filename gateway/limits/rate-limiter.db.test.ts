import { randomUUID } from 'node:crypto';
import { eventually } from '../../test/support/eventually';
import { type RateLimitConfig, RateLimiter } from './index';

/**
 * The limits on Redis: replicas of the gateway share them (CI starts a Redis and sets
 * TEST_REDIS_URL: test/support/start-test-redis.sh), and a Redis that cannot be reached leaves
 * each replica limiting in its own memory.
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error('CI must set TEST_REDIS_URL so the shared rate limits are tested');

const LIMITS: RateLimitConfig = { perPrincipal: { perMinute: 60, burst: 3 }, perAddress: { perMinute: 600, burst: 100 } };

describe('rate limits on Redis', () => {
  const open: RateLimiter[] = [];
  const replica = (url: string): RateLimiter => {
    const limiter = new RateLimiter(LIMITS, { redisUrl: url });
    open.push(limiter);
    return limiter;
  };
  afterEach(async () => {
    for (const limiter of open.splice(0)) await limiter.close();
  });

  if (redisUrl) {
    it('are shared by the replicas: what one let through, the other counts', async () => {
      const [a, b] = [replica(redisUrl), replica(redisUrl)];
      // A principal of this run only, so runs sharing the server never meet.
      const principal = `resident:${randomUUID()}`;
      // Until a replica's connection is up it counts in memory; from then on, in Redis.
      await eventually(() => a.shared && b.shared, { timeoutMs: 5_000, what: 'both replicas connected to Redis' });
      expect(await a.takeForPrincipal(principal)).toEqual({ allowed: true });
      expect(await b.takeForPrincipal(principal)).toEqual({ allowed: true });
      expect(await a.takeForPrincipal(principal)).toEqual({ allowed: true });
      const refused = await b.takeForPrincipal(principal);
      expect(refused).toMatchObject({ allowed: false });
      expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    });
  }

  it('still limits, each replica in its own memory, while Redis cannot be reached', async () => {
    // Port 1 is never a Redis.
    const limiter = new RateLimiter(LIMITS, { redisUrl: 'redis://127.0.0.1:1' });
    open.push(limiter);
    expect(limiter.shared).toBe(false);
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await limiter.takeForPrincipal('resident:1')).allowed);
    expect(outcomes).toEqual([true, true, true, false]);
  });
});
