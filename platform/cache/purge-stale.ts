import type { LRUCache } from 'lru-cache';

/** How often an expiring in-process cache drops what has expired. */
export const PURGE_STALE_EVERY_MS = 10_000;

/**
 * Drops a cache's expired entries every `everyMs`: one timer per cache, where lru-cache's
 * `ttlAutopurge` sets one per entry. Those timers cost more than their own few hundred bytes: each
 * keeps the async context it was set in, which is the request scope of the request that filled
 * the entry, alive for the entry's whole life. In the embedded backend at 48 dashboards a second
 * that was ~36,000 timers, their scopes and the principals in them, held for up to two minutes.
 * Expired entries are never served in between (lru-cache judges the age on every `get`); they
 * only wait up to `everyMs` longer for their memory to go.
 *
 * The timer holds the cache weakly, so a cache no one refers to any more is collected and its
 * timer stops; it never keeps a process alive.
 */
export function purgeStaleEvery<K extends {}, V extends {}>(cache: LRUCache<K, V>, everyMs = PURGE_STALE_EVERY_MS): LRUCache<K, V> {
  const ref = new WeakRef(cache);
  const timer = setInterval(() => {
    const target = ref.deref();
    if (target) target.purgeStale();
    else clearInterval(timer);
  }, everyMs);
  timer.unref();
  return cache;
}
