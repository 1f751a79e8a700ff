import { MemoryCacheStore } from './index';

describe('MemoryCacheStore', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers a value until it expires', async () => {
    const store = new MemoryCacheStore({ now: clock });
    await store.set('k', 'v', 100);
    expect(await store.get('k')).toBe('v');
    now += 100;
    expect(await store.get('k')).toBe('v');
    now += 1;
    expect(await store.get('k')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('drops the least recently used entry beyond its count', async () => {
    const store = new MemoryCacheStore({ maxEntries: 2, now: clock });
    await store.set('a', '1', 1000);
    await store.set('b', '2', 1000);
    await store.get('a');
    await store.set('c', '3', 1000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
  });

  it('keeps its values within their size cap and refuses one larger than the cap', async () => {
    const store = new MemoryCacheStore({ maxChars: 10, now: clock });
    await store.set('a', '12345', 1000);
    await store.set('b', '12345', 1000);
    await store.set('c', '123', 1000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('12345');
    await store.set('huge', 'x'.repeat(11), 1000);
    expect(await store.get('huge')).toBeUndefined();
    // Replacing an entry frees what it held.
    await store.set('b', '1', 1000);
    await store.set('d', '123456', 1000);
    expect(await store.get('c')).toBe('123');
  });

  it('rejects bad limits at once', () => {
    expect(() => new MemoryCacheStore({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => new MemoryCacheStore({ maxChars: 1.5 })).toThrow(/maxChars/);
  });
});
