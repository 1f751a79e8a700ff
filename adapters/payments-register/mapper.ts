import { LegacyBadResponseError } from '../transport';
import { PAYMENTS_REGISTER_SYSTEM, RegisterPaymentConflictError } from './errors';
import type { ConfirmationResult, FinePayment } from './port';
import type { WireImportPaymentEnvelope } from './wire';

/**
 * The register's protocol for one payment → how it took it. The protocol must be about the payment
 * sent: an answer for another payment id or UIN is not an acknowledgment of this one.
 */
export function toConfirmationResult(wire: WireImportPaymentEnvelope, sent: FinePayment, endpoint: string): ConfirmationResult {
  const protocol = wire.Envelope.Body.ImportPaymentResponse.ImportProtocol;
  if (protocol.PaymentId !== sent.paymentId || protocol.SupplierBillID !== sent.uin) {
    throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'ImportProtocol is for another payment');
  }
  switch (protocol.Code) {
    case '0':
      return 'ACCEPTED';
    case '1':
      return 'ALREADY_ACCEPTED';
    case '2':
      throw new RegisterPaymentConflictError(endpoint);
    default:
      throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'ImportProtocol.Code is not 0, 1 or 2');
  }
}
