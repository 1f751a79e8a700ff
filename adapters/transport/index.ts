export {
  causeOf,
  isLegacyError,
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
export type { LegacyCall, LegacyReply, QueryValue, ReplyDecoder } from './legacy-call';
export { LegacyTransport, type TransportHealth } from './legacy-transport';
export type { BreakerOptions, BulkheadOptions, LegacyTransportOptions, RateLimitOptions, RetryOptions } from './transport-options';
export { ANONYMOUS_SHARE, type FairShareOptions } from './policies/fair-share';
export type { BreakerState, TransportEvent, TransportEventListener } from './transport-events';
export { READ_MOSTLY_FRESH_MS, type CacheHint } from './reply-cache';
export { LegacyMetrics } from './metrics';
export { parseJsonBody, parseWire } from './parse-wire';
export { inChunks } from './chunks';
