import type { ClaimedConfirmation, NewPayment, PaymentRecord, PaymentStatus } from '../types';

/** How creating a payment went: made, or the key or the target already taken. */
export type Creation =
  | { created: true; payment: PaymentRecord }
  /** The payer used this key before: the payment it made (whatever its target). */
  | { created: false; reason: 'KEY_TAKEN'; existing: PaymentRecord }
  /** Another payment of the same target is under way. */
  | { created: false; reason: 'TARGET_IN_FLIGHT' };

/** What the bank said of an order, as the store records it. */
export interface Registration {
  orderId: string;
  formUrl: string;
}

/**
 * Where payments are kept, and the outbox of their confirmations. Every change of status names the
 * status it expects (`UPDATE … WHERE status = expected`): two deliverers, a callback and the
 * reconciliation worker racing on one payment cannot both move it, and the loser is told so
 * (undefined) rather than overwriting.
 */
export interface PaymentStorePort {
  /** Creates the payment unless the payer's key or the target's place in flight is taken. */
  create(payment: NewPayment): Promise<Creation>;
  get(id: string): Promise<PaymentRecord | undefined>;
  /** The payment the payer made under this idempotency key, if any. */
  findByKey(payerId: string, idempotencyKey: string): Promise<PaymentRecord | undefined>;
  /** The payer's payments, newest first, after the one with sequence `afterSeq`. */
  listByPayer(payerId: string, limit: number, afterSeq: number | undefined): Promise<Array<PaymentRecord & { seq: number }>>;
  /** The payer's latest payment of each target, by target reference. */
  latestForTargets(payerId: string, kind: 'BILL' | 'FINE', refs: ReadonlyArray<string>): Promise<Map<string, PaymentRecord>>;
  /** CREATED → AWAITING_CARD with the bank's order, polled at `nextCheckAt` unless its callback comes first. */
  markRegistered(id: string, registration: Registration, now: Date, nextCheckAt: Date): Promise<PaymentRecord | undefined>;
  /**
   * `from` → PAID, and the confirmation queued in the same transaction: money the bank took is never
   * recorded without its confirmation waiting to go out.
   */
  markPaid(id: string, from: 'CREATED' | 'AWAITING_CARD', paidAt: Date, now: Date): Promise<PaymentRecord | undefined>;
  /** `from` → a final status that charged nothing. */
  markUnpaid(id: string, from: 'CREATED' | 'AWAITING_CARD', status: Extract<PaymentStatus, 'DECLINED' | 'EXPIRED' | 'FAILED'>, now: Date): Promise<PaymentRecord | undefined>;
  /** Looked at again no earlier than `at` by the reconciliation worker. */
  deferCheck(id: string, at: Date): Promise<void>;
  /**
   * The unsettled payments (CREATED, AWAITING_CARD) whose next check is due, each pushed `leaseMs`
   * later so another worker does not take it at the same time.
   */
  claimUnsettled(now: Date, leaseMs: number, limit: number): Promise<PaymentRecord[]>;
  /** The next due confirmation, under a fresh lease. */
  claimConfirmation(now: Date, leaseMs: number): Promise<ClaimedConfirmation | undefined>;
  /** The owning system took it: the confirmation DELIVERED and the payment CONFIRMED, together. */
  confirmDelivered(claim: ClaimedConfirmation, now: Date): Promise<boolean>;
  /** Not taken now: tried again at `at`. */
  rescheduleConfirmation(claim: ClaimedConfirmation, at: Date, lastError: string): Promise<boolean>;
  /** Hands a claimed confirmation back untried (on shutdown). */
  releaseConfirmation(claim: ClaimedConfirmation): Promise<void>;
  /** How many payments are PAID and not CONFIRMED, and since when the oldest. */
  pendingConfirmations(): Promise<{ pending: number; oldestPaidAt: Date | null }>;
  /** Payments per status. */
  counts(): Promise<Record<PaymentStatus, number>>;
}
