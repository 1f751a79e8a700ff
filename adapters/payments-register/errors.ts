import { LegacyBadResponseError, type LegacyError, LegacyRejectionError, LegacyUnavailableError } from '../transport';
import type { WireSoapFault } from './wire';

export const PAYMENTS_REGISTER_SYSTEM = 'payments-register';

/**
 * The register already holds another payment (another UIN or sum) under this payment id
 * (`ImportProtocol` code 2). Nothing was applied: a bug of ours, or two payments given one id.
 */
export class RegisterPaymentConflictError extends LegacyRejectionError {
  constructor(endpoint: string) {
    super(PAYMENTS_REGISTER_SYSTEM, endpoint, 'PAYMENT_CONFIRMATION_CONFLICT', 'The payments register holds another payment under this payment id.');
  }
}

/**
 * A soap:Fault. `Client` faults and a failed WS-Security check are the register refusing what we
 * sent (our bug or our credentials): LEGACY_BAD_RESPONSE. Everything else is the register failing.
 */
export function registerFault(endpoint: string, status: number, fault: WireSoapFault): LegacyError {
  const local = fault.faultcode.split(':').pop() ?? '';
  if (local === 'FailedAuthentication' || local === 'InvalidSecurityToken' || status === 401) {
    return new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'the payments register refused our service token');
  }
  if (local === 'Client') return new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'the payments register refused our request (soap:Client fault)');
  return new LegacyUnavailableError(PAYMENTS_REGISTER_SYSTEM, endpoint, status === 200 ? undefined : status);
}
