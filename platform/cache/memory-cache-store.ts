import { LRUCache } from 'lru-cache';
import type { CacheStore } from './cache-store';

export interface MemoryCacheStoreOptions {
  /**
   * Most entries kept; the least recently used go first. Bounds the bookkeeping per entry.
   * Default 10 000.
   */
  maxEntries?: number;
  /**
   * Most characters of values kept in all (about twice as many bytes). Bounds the memory a burst
   * of large answers can take from the process. Default 32 M characters (~64 MB).
   */
  maxChars?: number;
  /** The clock, injected in tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * The cache of one process: least recently used out first, capped by count and by size, expired
 * entries dropped when met (lru-cache). The default store, and the stand-in for Redis on one machine.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries: LRUCache<string, string>;

  constructor(options: MemoryCacheStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    const maxChars = options.maxChars ?? 32 * 1024 * 1024;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error('MemoryCacheStore: maxEntries must be a positive integer');
    if (!Number.isInteger(maxChars) || maxChars < 1) throw new Error('MemoryCacheStore: maxChars must be a positive integer');
    const now = options.now ?? Date.now;
    this.entries = new LRUCache<string, string>({
      max: maxEntries,
      maxSize: maxChars,
      sizeCalculation: (value) => Math.max(1, value.length),
      // Every expiry check reads the clock: lru-cache would otherwise reuse one reading for a
      // millisecond, which an injected clock does not expect.
      ttlResolution: 0,
      perf: { now },
    });
  }

  /** Entries held now (expired ones not yet met included). */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    // lru-cache reads a ttl of 0 as "forever"; here it means "keep nothing", as on Redis.
    if (!(ttlMs > 0)) {
      this.entries.delete(key);
      return;
    }
    // A value larger than the whole cache is not kept, and the key's old value goes with it.
    if (value.length > this.entries.maxSize) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, value, { ttl: ttlMs });
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
