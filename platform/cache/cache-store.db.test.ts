import { eventually } from '../../test/support/eventually';
import { type CacheStore, createCacheStore, MemoryCacheStore, RedisCacheStore } from './index';

/**
 * The same contract on both stores: memory always, and Redis where the environment names a
 * server (CI starts one with test/support/start-test-redis.sh and sets TEST_REDIS_URL; so can a
 * developer).
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error('CI must set TEST_REDIS_URL so the Redis cache is tested');

const prefix = `test-${process.pid}-${Date.now()}:`;

/**
 * Each store with a way to let time pass: the memory store's clock is injected and moved; Redis
 * keeps its own time, so the test asks until the key has gone (never a fixed sleep).
 */
interface Subject {
  store: CacheStore;
  /** Resolves once more than `ms` have passed for the store. */
  afterMs(ms: number, gone: () => Promise<boolean>): Promise<void>;
}
const stores: Array<[string, () => Subject]> = [
  [
    'memory',
    () => {
      let now = 1_000_000;
      return {
        store: new MemoryCacheStore({ now: () => now }),
        afterMs: async (ms) => {
          now += ms + 1;
        },
      };
    },
  ],
];
if (redisUrl) {
  stores.push([
    'redis',
    () => ({
      store: new RedisCacheStore({ url: redisUrl, keyPrefix: prefix }),
      afterMs: async (ms, gone) => void (await eventually(gone, { timeoutMs: ms + 5_000, intervalMs: 25, what: 'the key expiring in Redis' })),
    }),
  ]);
}

describe.each(stores)('the %s cache store', (_name, open) => {
  let subject: Subject;
  let store: CacheStore;
  beforeAll(() => {
    subject = open();
    store = subject.store;
  });
  afterAll(() => store.close());

  it('answers a value until it expires', async () => {
    await store.set('k', '{"a":1}', 300);
    expect(await store.get('k')).toBe('{"a":1}');
    await subject.afterMs(300, async () => (await store.get('k')) === undefined);
    expect(await store.get('k')).toBeUndefined();
  });

  it('answers undefined for an absent key and keeps nothing for a non-positive ttl', async () => {
    expect(await store.get('absent')).toBeUndefined();
    await store.set('zero', 'v', 0);
    expect(await store.get('zero')).toBeUndefined();
  });

  it('replaces a value', async () => {
    await store.set('r', 'one', 10_000);
    await store.set('r', 'two', 10_000);
    expect(await store.get('r')).toBe('two');
  });
});

describe('createCacheStore', () => {
  it('keeps the cache in memory without a Redis URL, and refuses a URL that is not Redis', async () => {
    const store = createCacheStore();
    expect(store).toBeInstanceOf(MemoryCacheStore);
    await store.close();
    expect(() => new RedisCacheStore({ url: 'http://127.0.0.1:6379' })).toThrow(/redis/);
  });

  it('counts an unreachable Redis as a miss, quickly, and tells of the error', async () => {
    const errors: Error[] = [];
    // Port 1 is never a Redis.
    const store = new RedisCacheStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 50, onError: (e) => errors.push(e) });
    try {
      const started = Date.now();
      await store.set('k', 'v', 1000);
      expect(await store.get('k')).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});

if (redisUrl) {
  describe('Redis shared by replicas', () => {
    it('lets one replica read what another stored, through createCacheStore', async () => {
      const a = createCacheStore({ redisUrl });
      const b = createCacheStore({ redisUrl });
      try {
        expect(a).toBeInstanceOf(RedisCacheStore);
        await a.set(`${prefix}shared`, 'x', 10_000);
        expect(await b.get(`${prefix}shared`)).toBe('x');
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('sends the writes of one batch together, and those still waiting before it closes', async () => {
      const writer = new RedisCacheStore({ url: redisUrl, keyPrefix: prefix });
      const reader = new RedisCacheStore({ url: redisUrl, keyPrefix: prefix });
      try {
        const batch = ['b1', 'b2', 'b3'].map((key) => writer.set(key, `${key}-value`, 10_000));
        // One promise per batch: every write of it is answered when the batch is.
        expect(new Set(batch).size).toBe(1);
        await Promise.all(batch);
        expect(await Promise.all(['b1', 'b2', 'b3'].map((key) => reader.get(key)))).toEqual(['b1-value', 'b2-value', 'b3-value']);
        void writer.set('last', 'kept', 10_000);
        await writer.close();
        expect(await reader.get('last')).toBe('kept');
      } finally {
        await writer.close();
        await reader.close();
      }
    });
  });
}
