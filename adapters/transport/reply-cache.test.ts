import { MemoryCacheStore } from '../../platform/cache';
import { ReplyCache } from './reply-cache';

describe('ReplyCache', () => {
  it('gives back a reply exactly as the system sent it, with when it came', async () => {
    const cache = new ReplyCache(new MemoryCacheStore(), 'emias');
    const body = '{"result":{"items":[{"title":"line one\\nline two","note":"quotes \\" and \\\\ kept"}]}}\n\nr1\n1\n2\n';
    const key = cache.keyFor('getDocuments', { key: '["42"]', staleMs: 60_000 }, 'resident:1042')!;
    await cache.write(key, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body }, 1_790_000_000_123, 60_000);
    await expect(cache.read(key)).resolves.toEqual({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body, cachedAt: 1_790_000_000_123 });
  });

  it('keeps a reply without a content type, and an empty body', async () => {
    const cache = new ReplyCache(new MemoryCacheStore(), 'housing');
    const key = cache.keyFor('epd', { key: 'x', staleMs: 1_000, shared: true }, undefined)!;
    await cache.write(key, { status: 204, headers: {}, body: '' }, 5, 1_000);
    await expect(cache.read(key)).resolves.toEqual({ status: 204, headers: {}, body: '', cachedAt: 5 });
  });

  it('treats an entry it did not write (an older format, garbage) as absent', async () => {
    const store = new MemoryCacheStore();
    const cache = new ReplyCache(store, 'mesh');
    for (const text of ['{"at":1,"status":200,"body":"{}"}', 'r1\n1\n200', 'r1\nsoon\n200\n\n{}', '']) {
      await store.set('k', text, 1_000);
      await expect(cache.read('k')).resolves.toBeUndefined();
    }
  });

  it('keys per system, endpoint, principal and request, with no personal data in the key', () => {
    const cache = new ReplyCache(new MemoryCacheStore(), 'registry');
    const hint = { key: '["112-233-445 95"]', staleMs: 1_000 };
    const key = cache.keyFor('person', hint, 'resident:1042')!;
    expect(key).toMatch(/^stale:registry:[A-Za-z0-9_-]+$/);
    expect(key).not.toContain('112');
    expect(cache.keyFor('person', hint, 'resident:1043')).not.toBe(key);
    expect(cache.keyFor('children', hint, 'resident:1042')).not.toBe(key);
    expect(cache.keyFor('person', hint, undefined)).toBeUndefined();
  });
});
