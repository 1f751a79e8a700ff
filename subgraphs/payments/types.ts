/**
 * A payment as the payments subgraph keeps it. Amounts are whole kopecks; instants are on the
 * clock the subgraph is given (the simulators' in the embedded system).
 */

/** What a payment pays for. */
export type TargetKind = 'BILL' | 'FINE' | 'PARKING_TOP_UP';

/**
 * Where a payment stands. CREATED → AWAITING_CARD → PAID → CONFIRMED is the way of a payment that
 * succeeds; DECLINED, EXPIRED and FAILED end one that charged nothing.
 */
export type PaymentStatus = 'CREATED' | 'AWAITING_CARD' | 'PAID' | 'CONFIRMED' | 'DECLINED' | 'EXPIRED' | 'FAILED';

/** The states from which nothing moves any more. */
export const FINAL_STATUSES: ReadonlySet<PaymentStatus> = new Set(['CONFIRMED', 'DECLINED', 'EXPIRED', 'FAILED']);

export interface PaymentRecord {
  /** Ours (a UUID); also the order number at the bank and the payment id at the owning system. */
  id: string;
  /** The resident who pays: only they see the payment. */
  payerId: string;
  idempotencyKey: string;
  targetKind: TargetKind;
  /** The bill's or fine's UIN, or the parking account's id (never shown: `uin` is null for a top-up). */
  targetRef: string;
  amountKopecks: number;
  status: PaymentStatus;
  /** The bank's id of the order, once registered. */
  orderId: string | null;
  /** The bank's payment form, once registered. */
  formUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the bank reported the money taken. */
  paidAt: Date | null;
  /** When the payer's session at the bank ends: an order not paid by then is cancelled. */
  expiresAt: Date;
}

/** A payment about to be created: what the owning system said is to be paid, and by whom. */
export interface NewPayment extends Pick<PaymentRecord, 'id' | 'payerId' | 'idempotencyKey' | 'targetKind' | 'targetRef' | 'amountKopecks' | 'createdAt' | 'expiresAt'> {
  /** When the reconciliation worker first looks at it, if the bank's answer has not settled it by then. */
  nextCheckAt: Date;
}

/** A confirmation to the owning system, claimed by one deliverer under a lease. */
export interface ClaimedConfirmation {
  payment: PaymentRecord;
  /** Attempts so far, this one included. */
  attempts: number;
  lease: string;
}

/** What waits in the outbox, on `/metrics`. */
export interface ConfirmationBacklog {
  /** Payments PAID and not yet CONFIRMED. */
  pending: number;
  /** How long the oldest has waited since the bank took the money; 0 when none waits. */
  oldestAgeSeconds: number;
}
