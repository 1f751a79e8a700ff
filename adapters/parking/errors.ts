import type { ErrorCode } from '../../platform/errors';
import { LegacyBadResponseError, type LegacyError, LegacyNotFoundError, LegacyRejectionError, LegacyUnavailableError } from '../transport';
import { WireAmppError } from './ampp-wire';
import type { WireSoapFault } from './fines-wire';

/** AMPP's business refusals and the registry code each one means to a client. */
const AMPP_REFUSALS: Readonly<Record<string, ErrorCode>> = {
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_BALANCE',
  SESSION_ALREADY_EXISTS: 'SESSION_ALREADY_ACTIVE',
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  INVALID_PLATE: 'INVALID_PLATE',
  ZONE_NOT_FOUND: 'PARKING_ZONE_NOT_FOUND',
  INVALID_DURATION: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  TOPUP_AMOUNT_OUT_OF_RANGE: 'TOPUP_AMOUNT_OUT_OF_RANGE',
  PAYMENT_ID_CONFLICT: 'PAYMENT_CONFIRMATION_CONFLICT',
};

/**
 * Our own words for each refusal: AMPP's messages may one day quote the plate, and plates are
 * personal data that must not reach an error message.
 */
const REASONS: Readonly<Record<string, string>> = {
  INSUFFICIENT_FUNDS: 'The parking account balance does not cover the session.',
  SESSION_ALREADY_EXISTS: 'The vehicle already has an active parking session.',
  SESSION_NOT_FOUND: 'No such active parking session on this account.',
  INVALID_PLATE: 'AMPP does not accept this plate.',
  ZONE_NOT_FOUND: 'No such parking zone.',
  INVALID_DURATION: 'AMPP does not accept this duration.',
  FORBIDDEN: 'AMPP does not let this session use the account or car.',
  TOPUP_AMOUNT_OUT_OF_RANGE: "The top-up is outside the account's smallest and largest top-up.",
  PAYMENT_ID_CONFLICT: 'AMPP holds another top-up under this payment id.',
};

const NOT_FOUND = new Set(['ACCOUNT_NOT_FOUND', 'PARKING_NOT_FOUND']);

/**
 * An AMPP answer that is not the payload: its error shape with a 4xx status, or with 200 for
 * a failure it reports in the body.
 */
export function amppFailure(system: string, endpoint: string, status: number, body: unknown): LegacyError {
  if (status === 401) return new LegacyBadResponseError(system, endpoint, 'AMPP refused our service token');
  const error = WireAmppError.safeParse(body);
  if (!error.success) return new LegacyBadResponseError(system, endpoint, `unexpected HTTP ${status} without an AMPP error`);
  const errorCode = error.data.errorCode;
  // A 200 that carries an error is AMPP failing inside, not refusing us.
  if (status === 200) return new LegacyUnavailableError(system, endpoint);
  const refusal = AMPP_REFUSALS[errorCode];
  if (refusal) return new LegacyRejectionError(system, endpoint, refusal, REASONS[errorCode] ?? refusal);
  if (NOT_FOUND.has(errorCode)) return new LegacyNotFoundError(system, endpoint);
  return new LegacyBadResponseError(system, endpoint, `AMPP refused the request (HTTP ${status})`);
}

/**
 * A soap:Fault. `Client` faults and a failed WS-Security check are the service refusing what we
 * sent: our bug or our credentials, never an empty answer, so LEGACY_BAD_RESPONSE like the
 * registry's refused token. Everything else (`Server`, unknown codes) is the service failing.
 */
export function finesFault(system: string, endpoint: string, status: number, fault: WireSoapFault): LegacyError {
  const local = fault.faultcode.split(':').pop() ?? '';
  if (local === 'FailedAuthentication' || local === 'InvalidSecurityToken' || status === 401) {
    return new LegacyBadResponseError(system, endpoint, 'the fines service refused our service token');
  }
  if (local === 'Client') return new LegacyBadResponseError(system, endpoint, 'the fines service refused our request (soap:Client fault)');
  return new LegacyUnavailableError(system, endpoint, status === 200 ? undefined : status);
}
