export { inChunks } from './chunks';
export type { LegacyCall, LegacyReply, QueryValue, ReplyDecoder } from './legacy-call';
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
export { LegacyTransport, type TransportHealth } from './legacy-transport';
export { LegacyMetrics } from './metrics';
export { parseJsonBody, parseWire } from './parse-wire';
export { ANONYMOUS_SHARE, type FairShareOptions } from './policies/fair-share';
export { type CacheHint, READ_MOSTLY_FRESH_MS } from './reply-cache';
export { type AdapterSession, cookieHeader, cookiesSetBy, type ObtainSession, RenewingSession, type SessionCarriers, SessionRefusedError } from './session';
export { SOAP_CONTENT_TYPE, SOAP_ENV_NS, type SoapCredentials, type SoapReader, soapReader, soapRequest, WSSE_NS } from './soap';
export type { BreakerState, TransportEvent, TransportEventListener } from './transport-events';
export type { BreakerOptions, BulkheadOptions, LegacyTransportOptions, RateLimitOptions, RetryOptions } from './transport-options';
