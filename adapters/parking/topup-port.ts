/**
 * Crediting an AMPP parking account with a top-up paid by card, and the limits of a top-up. A
 * port of its own rather than methods of `AmppPort`: the payment service calls it with the
 * integration's own authority to confirm money taken, and should depend on nothing else of AMPP.
 *
 * Methods take domain arguments only: the request id and the deadline travel in the request scope
 * (`platform/request-scope`). A top-up is never sent twice by the transport; AMPP credits each
 * payment id once, so a redelivery is answered ALREADY_ACCEPTED and credits nothing.
 */

/** The smallest and largest top-up AMPP takes for an account, in kopecks. */
export interface TopUpLimits {
  minKopecks: number;
  maxKopecks: number;
}

/** A top-up paid by card. */
export interface AccountTopUp {
  accountId: string;
  amountKopecks: number;
  /** Ours, one per payment: 1..64 letters, digits and dashes (a UUID fits). */
  paymentId: string;
  /** When the payer paid, ISO-8601 with an offset. */
  paidAt: string;
}

export interface TopUpReceipt {
  /** New, or the same payment again (credited once). */
  result: 'ACCEPTED' | 'ALREADY_ACCEPTED';
  /** The account's balance after it, in kopecks. */
  balanceKopecks: number;
}

export interface AmppTopUpPort {
  /** The account's top-up limits; NOT_FOUND for an unknown account. */
  getTopUpLimits(accountId: string): Promise<TopUpLimits>;
  /** Credits the account; TOPUP_AMOUNT_OUT_OF_RANGE, NOT_FOUND or PAYMENT_CONFIRMATION_CONFLICT when AMPP refuses. */
  topUp(topUp: AccountTopUp): Promise<TopUpReceipt>;
}
