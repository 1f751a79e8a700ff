/**
 * Reporting a paid EPD to the housing system by its UIN, after which GetEpdData shows it PAID.
 * A port of its own rather than a method of `HousingPort`: it is called by the payment service
 * with the integration's own authority (no resident is named, no home is read), and a service that
 * confirms payments should depend on nothing else of housing.
 *
 * The method takes domain arguments only: the request id and the deadline travel in the request
 * scope (`platform/request-scope`). The transport never sends it twice; the housing system takes
 * each payment id once, so a redelivery is answered ALREADY_ACCEPTED and counted once.
 */

/** An EPD paid by card. */
export interface EpdPayment {
  /** Ours, one per payment: 1..64 letters, digits and dashes (a UUID fits). */
  paymentId: string;
  /** The document's UIN. */
  uin: string;
  amountKopecks: number;
  /** When the payer paid, ISO-8601 with an offset. */
  paidAt: string;
}

export interface EpdPaymentReceipt {
  /** New, or the same payment again (nothing applied twice). */
  result: 'ACCEPTED' | 'ALREADY_ACCEPTED';
  /** Whether the document is now paid in full. */
  documentPaid: boolean;
}

export interface EpdPaymentsPort {
  /** Reports a paid EPD; NOT_FOUND for a UIN of no document, PAYMENT_CONFIRMATION_CONFLICT for a payment id used for another payment. */
  reportPayment(payment: EpdPayment): Promise<EpdPaymentReceipt>;
}
