import { GuardianshipCache, type GuardianshipPort, type Ward } from './access-policy';

/** A registry that counts the questions it is asked and fails while told to. */
class CountingRegistry implements GuardianshipPort {
  asked = 0;
  failing = false;

  async wardsOf(personId: string): Promise<Ward[]> {
    this.asked += 1;
    if (this.failing) throw new Error('registry down');
    return [{ id: `${personId}-child`, birthDate: '2015-03-01' }];
  }
}

describe('guardianship cache', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('asks the registry once per person for its time to live, then again', async () => {
    const registry = new CountingRegistry();
    const cache = new GuardianshipCache(registry, 60_000);
    await cache.wardsOf('1');
    await cache.wardsOf('1');
    expect(registry.asked).toBe(1);
    jest.advanceTimersByTime(60_001);
    await expect(cache.wardsOf('1')).resolves.toEqual([{ id: '1-child', birthDate: '2015-03-01' }]);
    expect(registry.asked).toBe(2);
  });

  it('forgets the least recently asked person beyond its size, and never remembers a failure', async () => {
    const registry = new CountingRegistry();
    const cache = new GuardianshipCache(registry, 60_000, 2);
    await cache.wardsOf('1');
    await cache.wardsOf('2');
    await cache.wardsOf('1');
    await cache.wardsOf('3');
    expect(registry.asked).toBe(3);
    await cache.wardsOf('1');
    expect(registry.asked).toBe(3);
    await cache.wardsOf('2');
    expect(registry.asked).toBe(4);

    registry.failing = true;
    await expect(cache.wardsOf('9')).rejects.toThrow('registry down');
    registry.failing = false;
    await expect(cache.wardsOf('9')).resolves.toHaveLength(1);
    expect(registry.asked).toBe(6);
  });
});
