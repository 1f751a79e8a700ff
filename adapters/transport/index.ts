export {
  LegacyBadResponseError,
  LegacyError,
  LegacyNotFoundError,
  LegacyRateLimitedError,
  LegacyRejectionError,
  LegacyTimeoutError,
  LegacyUnavailableError,
} from './legacy-errors';
export { LegacyTransport, type LegacyCall, type LegacyReply, type LegacyTransportOptions, type QueryValue } from './legacy-transport';
export { parseWire } from './parse-wire';
