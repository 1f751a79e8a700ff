export {
  LegacyBadResponseError,
  LegacyCircuitOpenError,
  LegacyError,
  LegacyFairShareExceededError,
  LegacyNotFoundError,
  LegacyOverCapacityError,
  LegacyRateLimitedError,
  LegacyRejectionError,
  LegacyTimeoutError,
  LegacyUnavailableError,
} from './legacy-errors';
export {
  LegacyTransport,
  type LegacyCall,
  type LegacyReply,
  type QueryValue,
  type ReplyDecoder,
  type TransportHealth,
} from './legacy-transport';
export type { BreakerOptions, BulkheadOptions, LegacyTransportOptions, RateLimitOptions, RetryOptions } from './transport-options';
export { ANONYMOUS_SHARE, type FairShareOptions } from './fair-share';
export type { BreakerState, TransportEvent, TransportEventListener } from './transport-events';
export { READ_MOSTLY_FRESH_MS, type CacheHint } from './reply-cache';
export { readinessHandler, readinessReport, type HealthSource, type ReadinessReport } from './readiness';
export { parseWire } from './parse-wire';
export { inChunks } from './chunks';
