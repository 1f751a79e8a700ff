export { DEFAULT_QUERY_LIMITS, noCircularIntrospection, queryProtection, refuseEarly, useEarlyRefusals, type QueryLimits, type QueryProtection } from './query-limits';
export { InMemoryRateLimitStore, RateLimiter, type RateDecision, type RateLimit, type RateLimitConfig, type RateLimitStore } from './rate-limiter';
