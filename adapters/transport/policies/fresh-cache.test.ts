import { MemoryCacheStore } from '../../../platform/cache';
import type { Answer } from '../policy';
import { ReplyCache } from '../reply-cache';
import { FreshCache } from './fresh-cache';
import { callContext, liveAnswer } from './testing';

describe('FreshCache', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const hint = { key: 'zones', freshMs: 60_000, staleMs: 120_000, shared: true };

  it('answers from a kept copy within its freshness window without calling on, and calls on after it', async () => {
    const cache = new ReplyCache(new MemoryCacheStore(), 'test');
    const key = cache.keyFor('GET /items', hint, undefined)!;
    await cache.write(key, liveAnswer({ n: 1 }).reply, Date.now(), 120_000);
    const fresh = new FreshCache(cache);
    const next = jest.fn(async (): Promise<Answer<unknown>> => liveAnswer({ n: 2 }));
    const ctx = () => callContext({ call: { cache: hint }, cacheKey: key });
    await expect(fresh.execute(ctx(), next)).resolves.toMatchObject({ value: { n: 1 }, served: 'fresh-cache', reply: { cachedAt: Date.now() } });
    expect(next).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60_001);
    await expect(fresh.execute(ctx(), next)).resolves.toMatchObject({ value: { n: 2 }, served: 'live' });
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('always calls on for a call with no freshness window, or whose answer is not kept', async () => {
    const cache = new ReplyCache(new MemoryCacheStore(), 'test');
    const key = cache.keyFor('GET /items', hint, undefined)!;
    await cache.write(key, liveAnswer({ n: 1 }).reply, Date.now(), 120_000);
    const fresh = new FreshCache(cache);
    const next = jest.fn(async (): Promise<Answer<unknown>> => liveAnswer({ n: 2 }));
    await fresh.execute(callContext({ call: { cache: { ...hint, freshMs: 0 } }, cacheKey: key }), next);
    await fresh.execute(callContext({ call: { cache: hint }, cacheKey: undefined }), next);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('treats a kept copy that no longer decodes as absent', async () => {
    const cache = new ReplyCache(new MemoryCacheStore(), 'test');
    const key = cache.keyFor('GET /items', hint, undefined)!;
    await cache.write(key, { status: 200, headers: {}, body: 'not json' }, Date.now(), 120_000);
    const next = jest.fn(async (): Promise<Answer<unknown>> => liveAnswer({ n: 2 }));
    await expect(new FreshCache(cache).execute(callContext({ call: { cache: hint }, cacheKey: key }), next)).resolves.toMatchObject({ served: 'live' });
  });
});
