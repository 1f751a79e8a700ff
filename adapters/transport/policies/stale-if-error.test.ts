import { MemoryCacheStore } from '../../../platform/cache';
import { runInRequestScope } from '../../../platform/request-scope';
import { LegacyBadResponseError, LegacyCircuitOpenError, LegacyRateLimitedError, LegacyTimeoutError, LegacyUnavailableError } from '../legacy-errors';
import type { Answer } from '../policy';
import { ReplyCache } from '../reply-cache';
import { StaleIfError } from './stale-if-error';
import { callContext, liveAnswer, watchedReporter } from './testing';

describe('StaleIfError', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const hint = { key: 'items', staleMs: 60_000 };
  const failing = (error: Error) => async (): Promise<Answer<unknown>> => Promise.reject(error);
  function setUp() {
    const watched = watchedReporter();
    const cache = new ReplyCache(new MemoryCacheStore(), 'test');
    const key = cache.keyFor('GET /items', hint, 'resident:1')!;
    return { ...watched, cache, key, stale: new StaleIfError(cache, watched.reporter) };
  }

  it('keeps each live answer, and stands in with it when the system fails, marking the request stale', async () => {
    const { stale, key, events, logLines } = setUp();
    const kept = liveAnswer({ n: 1 });
    await expect(stale.execute(callContext({ call: { cache: hint }, cacheKey: key }), async () => kept)).resolves.toBe(kept);
    await jest.advanceTimersByTimeAsync(5_000);
    await runInRequestScope({ principalKey: 'resident:1' }, async (scope) => {
      const answer = await stale.execute(callContext({ call: { cache: hint }, cacheKey: key, scope }), failing(new LegacyUnavailableError('test', 'GET /items')));
      expect(answer).toMatchObject({ value: { n: 1 }, served: 'stale-cache', reply: { cachedAt: Date.now() - 5_000 } });
      expect(scope.staleReads).toEqual([{ system: 'test', asOf: '2026-11-21T12:00:00+03:00' }]);
    });
    expect(events).toEqual([{ type: 'stale-served', system: 'test', endpoint: 'GET /items', ageMs: 5_000 }]);
    expect(logLines()).toEqual([expect.objectContaining({ msg: 'legacy call failed, served stale', code: 'LEGACY_UNAVAILABLE', ageMs: 5_000 })]);
  });

  it('stands in for a system that is down, too slow, rate limiting or cut off by its breaker', async () => {
    const { stale, key } = setUp();
    await stale.execute(callContext({ call: { cache: hint }, cacheKey: key }), async () => liveAnswer({ n: 1 }));
    for (const failure of [
      new LegacyUnavailableError('test', 'GET /items', 503),
      new LegacyTimeoutError('test', 'GET /items', 2_000),
      new LegacyRateLimitedError('test', 'GET /items', 1),
      new LegacyCircuitOpenError('test', 'GET /items'),
    ]) {
      await expect(stale.execute(callContext({ call: { cache: hint }, cacheKey: key }), failing(failure))).resolves.toMatchObject({ value: { n: 1 }, served: 'stale-cache' });
    }
  });

  it('does not stand in for garbage, nor past its stale window', async () => {
    const { stale, key } = setUp();
    await stale.execute(callContext({ call: { cache: hint }, cacheKey: key }), async () => liveAnswer({ n: 1 }));
    const garbage = new LegacyBadResponseError('test', 'GET /items', 'n: invalid_type');
    await expect(stale.execute(callContext({ call: { cache: hint }, cacheKey: key }), failing(garbage))).rejects.toBe(garbage);
    jest.advanceTimersByTime(hint.staleMs + 1);
    const down = new LegacyUnavailableError('test', 'GET /items');
    await expect(stale.execute(callContext({ call: { cache: hint }, cacheKey: key }), failing(down))).rejects.toBe(down);
  });

  it('keeps nothing and stands in for nothing when the answer is not to be kept', async () => {
    const { stale, cache, key } = setUp();
    await stale.execute(callContext({ call: { cache: hint }, cacheKey: undefined }), async () => liveAnswer({ n: 1 }));
    await expect(cache.read(key)).resolves.toBeUndefined();
    const down = new LegacyUnavailableError('test', 'GET /items');
    await expect(stale.execute(callContext({ call: {}, cacheKey: undefined }), failing(down))).rejects.toBe(down);
  });
});
