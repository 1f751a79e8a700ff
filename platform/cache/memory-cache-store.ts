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

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The cache of one process: least recently used out first, capped by count and by size, expired
 * entries dropped when met. The default store, and the stand-in for Redis on one machine.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private readonly now: () => number;
  private chars = 0;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxChars = options.maxChars ?? 32 * 1024 * 1024;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new Error('MemoryCacheStore: maxEntries must be a positive integer');
    if (!Number.isInteger(this.maxChars) || this.maxChars < 1) throw new Error('MemoryCacheStore: maxChars must be a positive integer');
    this.now = options.now ?? Date.now;
  }

  /** Entries held now (expired ones not yet met included). */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.chars -= entry.value.length;
      return undefined;
    }
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.remove(key);
    if (!(ttlMs > 0) || value.length > this.maxChars) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    this.chars += value.length;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.remove(oldest);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.chars = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.value.length;
  }
}
