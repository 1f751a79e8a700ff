export { clientAddress, type ClientAddressSource } from './client-address';
export { DEFAULT_DEMAND, estimateDemand, type DemandDefaults } from './demand-cost';
export { useDemandLimit, type DemandLimitOptions } from './demand-limit';
export { noAliasOverJoinFields } from './join-field-aliases';
export { knownOperationTypes } from './known-operation-types';
export { DEFAULT_QUERY_LIMITS, noCircularIntrospection, queryProtection, refuseEarly, useEarlyRefusals, type QueryLimits, type QueryProtection } from './query-limits';
export { RateLimiter, type RateDecision, type RateLimit, type RateLimitConfig, type RateLimiterOptions } from './rate-limiter';
