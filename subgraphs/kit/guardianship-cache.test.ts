import { PURGE_STALE_EVERY_MS } from '../../platform/cache';
import { GuardianshipCache, type GuardianshipPort, type Ward } from './access-policy';

describe('the guardianship cache', () => {
  const asked: string[] = [];
  const registry: GuardianshipPort = {
    wardsOf: async (personId: string): Promise<Ward[]> => {
      asked.push(personId);
      return [{ id: `${personId}-child`, birthDate: '2015-01-01' }];
    },
  };

  beforeEach(() => {
    asked.length = 0;
    jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') });
  });
  afterEach(() => jest.useRealTimers());

  it('answers a person asked again within the minute from memory, and asks the registry again after it', async () => {
    const cache = new GuardianshipCache(registry, 60_000);
    await cache.wardsOf('1');
    jest.advanceTimersByTime(59_000);
    await cache.wardsOf('1');
    expect(asked).toEqual(['1']);
    jest.advanceTimersByTime(2_000);
    await cache.wardsOf('1');
    expect(asked).toEqual(['1', '1']);
  });

  it('holds what the last minute asked, not everyone since the start', async () => {
    const cache = new GuardianshipCache(registry, 60_000);
    // Ten minutes of a resident a second: each new one finds the entries older than a minute gone.
    for (let i = 0; i < 600; i++) {
      await cache.wardsOf(String(i));
      jest.advanceTimersByTime(1_000);
    }
    // Expired entries go at the next purge: at most a purge interval's more than a minute's.
    expect(cache.size).toBeLessThanOrEqual(61 + PURGE_STALE_EVERY_MS / 1_000);
  });

  it('never remembers a failed look-up: the next request asks again', async () => {
    let failing = true;
    const flaky: GuardianshipPort = {
      wardsOf: async (personId: string): Promise<Ward[]> => {
        asked.push(personId);
        if (failing) throw new Error('registry down');
        return [{ id: `${personId}-child`, birthDate: '2015-01-01' }];
      },
    };
    const cache = new GuardianshipCache(flaky, 60_000);
    await expect(cache.wardsOf('9')).rejects.toThrow('registry down');
    failing = false;
    await expect(cache.wardsOf('9')).resolves.toHaveLength(1);
    await cache.wardsOf('9');
    expect(asked).toEqual(['9', '9']);
  });

  it('drops the oldest when full', async () => {
    const cache = new GuardianshipCache(registry, 60_000, 3);
    for (const id of ['1', '2', '3', '4']) await cache.wardsOf(id);
    expect(cache.size).toBe(3);
    await cache.wardsOf('4');
    await cache.wardsOf('1');
    expect(asked).toEqual(['1', '2', '3', '4', '1']);
  });
});
