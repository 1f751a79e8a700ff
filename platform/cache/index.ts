export type { CacheStore } from './cache-store';
export { createCacheStore, type CacheStoreConfig } from './create-cache-store';
export { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-cache-store';
export { RedisCacheStore, type RedisCacheStoreOptions } from './redis-cache-store';
