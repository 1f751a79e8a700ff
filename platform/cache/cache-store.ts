/**
 * A small key-value store with expiry, for short-lived caches (the transport's stale-if-error
 * copies of legacy answers). Values are opaque strings the caller serialises. A store never
 * throws on `get`/`set`: a cache that is down is a cache that misses, and the request goes on.
 *
 * Keys must never carry personal data (callers hash them); values may, which is why such caches
 * keep them briefly and partition them per principal.
 */
export interface CacheStore {
  /** The value, or `undefined` when absent, expired or the store cannot be reached. */
  get(key: string): Promise<string | undefined>;
  /** Keeps `value` for `ttlMs`; best effort. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}
