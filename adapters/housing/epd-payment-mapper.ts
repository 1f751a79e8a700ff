import { LegacyBadResponseError, LegacyRejectionError } from '../transport';
import type { EpdPayment, EpdPaymentReceipt } from './epd-payment-port';
import type { WireEpdPaymentReply } from './epd-payment-wire';
import { SYSTEM } from './errors';

/** The housing system holds another payment (another UIN or sum) under this payment id; nothing was applied. */
export class EpdPaymentConflictError extends LegacyRejectionError {
  constructor(endpoint: string) {
    super(SYSTEM, endpoint, 'PAYMENT_CONFIRMATION_CONFLICT', 'The housing system holds another payment under this payment id.');
  }
}

/** The answer → a receipt; an answer about another payment is not a confirmation of this one. */
export function toEpdPaymentReceipt(wire: WireEpdPaymentReply, sent: EpdPayment, endpoint: string): EpdPaymentReceipt {
  if (wire.PaymentId !== sent.paymentId || wire.Uin !== sent.uin) throw new LegacyBadResponseError(SYSTEM, endpoint, 'the answer is for another payment');
  return { result: wire.Result, documentPaid: wire.PaymentStatus === 'PAID' };
}

/** Kopecks → roubles as the portal writes them (`3558.45`, `100.00`), exactly. */
export function kopecksToRoubles(kopecks: number): string {
  return `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;
}
