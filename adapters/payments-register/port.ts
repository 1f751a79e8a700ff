/**
 * The federal payments register as the payments side needs it: a paid fine acknowledged by its
 * UIN, after which the fines service lists the charge paid. Domain types only.
 *
 * The method takes domain arguments only: the request id and the deadline travel in the request
 * scope (`platform/request-scope`). The transport never sends it twice; the register takes each
 * payment id once, so a confirmation delivered again (an outbox redelivering after a crash or a
 * lost answer) is answered ALREADY_ACCEPTED and counted once.
 */

/** A fine paid by card. */
export interface FinePayment {
  /** Ours, one per payment: 1..64 letters, digits and dashes (a UUID fits). */
  paymentId: string;
  /** The fine's UIN (SupplierBillID), check digit verified. */
  uin: string;
  amountKopecks: number;
  /**
   * When the payer paid, ISO-8601 with an offset. The register judges the discount window by it,
   * so a payment made inside the window and confirmed after it still counts as on time.
   */
  paidAt: string;
}

/** How the owner took a confirmation: new, or the same payment again (nothing applied twice). */
export type ConfirmationResult = 'ACCEPTED' | 'ALREADY_ACCEPTED';

/** The federal payments register. */
export interface PaymentsRegisterPort {
  /** Reports a paid fine; PAYMENT_CONFIRMATION_CONFLICT when the payment id was used for another payment. */
  acknowledgePayment(payment: FinePayment): Promise<ConfirmationResult>;
}
