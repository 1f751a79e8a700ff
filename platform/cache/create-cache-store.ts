import type { CacheStore } from './cache-store';
import { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-cache-store';
import { RedisCacheStore } from './redis-cache-store';

export interface CacheStoreConfig {
  /** `REDIS_URL` when set: the cache is shared by the replicas. Absent: one in memory per process. */
  redisUrl?: string;
  /** Limits of the in-memory store. */
  memory?: MemoryCacheStoreOptions;
  /** Told of Redis errors, for logs. */
  onError?: (error: Error) => void;
}

/** Redis when a URL is given, the process's memory otherwise. */
export function createCacheStore(config: CacheStoreConfig = {}): CacheStore {
  if (config.redisUrl) return new RedisCacheStore({ url: config.redisUrl, onError: config.onError });
  return new MemoryCacheStore(config.memory);
}
