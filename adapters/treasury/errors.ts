import { LegacyBadResponseError, LegacyNotFoundError, type LegacyError, type LegacyReply } from '../transport';

export const TREASURY_SYSTEM = 'treasury';

/**
 * A reply of the treasury system that is neither the account nor "no such account", as a typed error. 429 and
 * 5xx never get here: the transport has made them LEGACY_RATE_LIMITED and LEGACY_UNAVAILABLE. The
 * system's own error text is never carried: it may name the person it refused.
 */
export function treasuryErrorOf(reply: LegacyReply, endpoint: string): LegacyError {
  switch (reply.status) {
    case 401:
    case 403:
      return new LegacyBadResponseError(TREASURY_SYSTEM, endpoint, 'the system refused the graph\'s service token');
    case 404:
      return new LegacyNotFoundError(TREASURY_SYSTEM, endpoint);
    default:
      return new LegacyBadResponseError(TREASURY_SYSTEM, endpoint, `unexpected HTTP ${reply.status}`);
  }
}
