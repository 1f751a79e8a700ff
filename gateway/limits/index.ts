export { type ClientAddressSource, clientAddress } from './client-address';
export { DEFAULT_DEMAND, type DemandDefaults, estimateDemand } from './demand-cost';
export { type DemandLimitOptions, useDemandLimit } from './demand-limit';
export { noAliasOverJoinFields } from './join-field-aliases';
export { knownOperationTypes } from './known-operation-types';
export { DEFAULT_QUERY_LIMITS, noCircularIntrospection, type QueryLimits, type QueryProtection, queryProtection, refuseEarly, useEarlyRefusals } from './query-limits';
export { type RateDecision, type RateLimit, type RateLimitConfig, RateLimiter, type RateLimiterOptions } from './rate-limiter';
