import { LRUCache } from 'lru-cache';
import { PURGE_STALE_EVERY_MS, purgeStaleEvery } from './purge-stale';

describe('purging a cache of what has expired', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const cache = () => purgeStaleEvery(new LRUCache<string, string>({ max: 100, ttl: 1_000, ttlResolution: 0, perf: { now: () => Date.now() } }));

  it('drops expired entries at the next purge, with no timer per entry', () => {
    const entries = cache();
    const timersBefore = jest.getTimerCount();
    for (let i = 0; i < 50; i++) entries.set(String(i), 'x');
    expect(jest.getTimerCount()).toBe(timersBefore);
    jest.advanceTimersByTime(1_001);
    expect(entries.size).toBe(50);
    jest.advanceTimersByTime(PURGE_STALE_EVERY_MS);
    expect(entries.size).toBe(0);
  });

  it('never serves an entry past its time, purged or not', () => {
    const entries = cache();
    entries.set('a', 'x');
    jest.advanceTimersByTime(1_001);
    expect(entries.get('a')).toBeUndefined();
  });

  it('keeps what is still live', () => {
    const entries = cache();
    entries.set('old', 'x');
    jest.advanceTimersByTime(PURGE_STALE_EVERY_MS - 500);
    entries.set('new', 'y');
    jest.advanceTimersByTime(500);
    expect([...entries.keys()]).toEqual(['new']);
  });
});
