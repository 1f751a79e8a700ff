export type { CacheStore } from './cache-store';
export { type CacheStoreConfig, createCacheStore } from './create-cache-store';
export { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-cache-store';
export { PURGE_STALE_EVERY_MS, purgeStaleEvery } from './purge-stale';
export { RedisCacheStore, type RedisCacheStoreOptions } from './redis-cache-store';
