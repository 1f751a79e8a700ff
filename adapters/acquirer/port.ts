/**
 * The card acquirer (the bank's payment gateway) as the payments side of the graph needs it.
 * Domain types only, amounts in whole kopecks; the gateway's JSON stays in `wire.ts`.
 *
 * Methods take domain arguments only: the request id, the deadline and the caller travel in the
 * request scope (`platform/request-scope`), which the shared transport reads. Writes (register,
 * reverse, refund, deposit) are never retried by the transport: it cannot know whether the bank
 * acted before the answer was lost. Reading the status is retried.
 */

/** A payment order to register at the bank. */
export interface OrderRegistration {
  /**
   * Ours, unique per payment attempt (up to 36 printable characters). The bank refuses a number it
   * already holds with PAYMENT_ALREADY_REGISTERED: after a lost answer, read the order by its number
   * (`getOrderStatus({ orderNumber })`). The bank does not give the form URL again; an order that
   * still needs one is reversed and registered anew under another number.
   */
  orderNumber: string;
  amountKopecks: number;
  /** Where the bank sends the payer after paying (`?orderId=` is added). */
  returnUrl: string;
  /** Where the bank sends the payer after a decline; `returnUrl` when absent. */
  failUrl?: string;
  /** Shown to the payer on the bank's form; no personal data. */
  description: string;
  /** How long the payer has to pay, in seconds; the bank's default (20 minutes) when absent. */
  sessionTimeoutSeconds?: number;
  /** Hold the amount when paid, to be charged by `deposit` (a two-stage payment). Default false. */
  twoStage?: boolean;
  /** Kept with the order and given back by `getOrderStatus` (the bank's jsonParams); no personal data. */
  params?: Readonly<Record<string, string>>;
  /** Where the bank notifies this order's changes, instead of the merchant's configured URL. */
  callbackUrl?: string;
}

export interface RegisteredOrder {
  /** The bank's id of the order. */
  orderId: string;
  /** The bank's payment form, where the payer enters the card. */
  formUrl: string;
}

/** An order named by the bank's id or by our order number. */
export type OrderRef = { orderId: string } | { orderNumber: string };

/** Where an order stands at the bank (its `orderStatus`, in words). */
export type OrderState =
  /** Registered; the payer has not paid (0). */
  | 'REGISTERED'
  /** The payer is at the issuer's 3-D Secure page (5). */
  | 'AWAITING_3DS'
  /** Paid with a hold, to be charged by `deposit` (1). */
  | 'HELD'
  /** Charged (2). */
  | 'PAID'
  /** Cancelled before payment, or its hold or same-day charge returned (3). */
  | 'REVERSED'
  /** Part or all of the charge returned (4). */
  | 'REFUNDED'
  /** Declined: by the issuer, by 3-D Secure, or because the payer's time ran out (6). */
  | 'DECLINED';

export type DeclineReason = 'EXPIRED' | 'THREE_DS_FAILED' | 'DECLINED_BY_ISSUER';

/** An order as the bank reports it. */
export interface OrderStatus {
  orderId: string;
  orderNumber: string;
  state: OrderState;
  /** Why a DECLINED order was declined; null in any other state. */
  declineReason: DeclineReason | null;
  /** The bank's action code of the last attempt (0 success, -100 no attempt yet, -2007 expired, …). */
  actionCode: number;
  amountKopecks: number;
  approvedKopecks: number;
  depositedKopecks: number;
  refundedKopecks: number;
  /** What the bank keeps of the payment now: deposited less refunded. Money taken is money to confirm. */
  chargedKopecks: number;
  /** What was registered with the order (`params`). */
  params: Record<string, string>;
  /** ISO-8601 with the Moscow offset. */
  registeredAt: string | null;
  /** When the card was authorised; null before. */
  authorisedAt: string | null;
}

/** The card acquirer. */
export interface AcquirerPort {
  /** Registers an order; PAYMENT_ALREADY_REGISTERED when the order number is taken. */
  registerOrder(order: OrderRegistration): Promise<RegisteredOrder>;
  /** The order's status; NOT_FOUND for an order the bank does not hold. */
  getOrderStatus(ref: OrderRef): Promise<OrderStatus>;
  /**
   * Cancels an order not paid yet, so that it can never be paid, or returns a hold or a charge made
   * the same day. PAYMENT_STATE_CONFLICT in any other state (read the status: it may be paid).
   */
  reverse(orderId: string): Promise<void>;
  /** Returns part or all of a charge; PAYMENT_STATE_CONFLICT when nothing (or less) is left to return. */
  refund(orderId: string, amountKopecks: number): Promise<void>;
  /** Charges a held amount: all of it when `amountKopecks` is absent. PAYMENT_STATE_CONFLICT unless HELD. */
  deposit(orderId: string, amountKopecks?: number): Promise<void>;
}
