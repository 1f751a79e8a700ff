/**
 * The bank gateway's codes, as public clients of the common Russian acquiring REST API read them
 * (Sberbank and the banks on the same processing platform): `orderStatus` 0..6, the `paymentState`
 * of `paymentAmountInfo`, and the `actionCode` of the last attempt.
 */

/** `orderStatus` of getOrderStatusExtended.do. */
export const ORDER_STATUS = {
  /** Registered, not paid. */
  REGISTERED: 0,
  /** The amount is held (two-stage payment); deposit.do completes it. */
  APPROVED: 1,
  /** Fully authorised and charged. */
  DEPOSITED: 2,
  /** Cancelled: an unfinished order, a hold, or a same-day charge (reverse.do). */
  REVERSED: 3,
  /** Money returned, in part or in full (refund.do). */
  REFUNDED: 4,
  /** 3-D Secure authorisation started at the issuer's ACS, not finished. */
  ACS_STARTED: 5,
  /** Declined: by the issuer, by 3-D Secure, or by timeout. */
  DECLINED: 6,
} as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

/** `paymentAmountInfo.paymentState`, the same state in words. */
export const PAYMENT_STATE: Readonly<Record<OrderStatus, string>> = {
  0: 'CREATED',
  1: 'APPROVED',
  2: 'DEPOSITED',
  3: 'REVERSED',
  4: 'REFUNDED',
  5: 'STARTED',
  6: 'DECLINED',
};

/** An `actionCode` with its `actionCodeDescription`. */
export interface Action {
  code: number;
  description: string;
}

/**
 * The action codes the simulator gives. `0`, `-100` and `-2007` are the ones public clients test
 * for (paid; no attempt yet; the payer's session expired). The two decline codes are the bank's
 * as the simulator uses them *(designed: the full table is not in the public sources read)*.
 */
export const ACTIONS = {
  SUCCESS: { code: 0, description: 'Платёж успешно проведён' },
  NO_ATTEMPT: { code: -100, description: 'Не было попыток оплаты' },
  SESSION_EXPIRED: { code: -2007, description: 'Истек срок ожидания ввода данных' },
  THREE_DS_FAILED: { code: -2006, description: 'Не пройдена аутентификация 3-D Secure' },
  INSUFFICIENT_FUNDS: { code: 116, description: 'Недостаточно средств на карте' },
} as const satisfies Record<string, Action>;

/** The one currency city services take: roubles, ISO 4217 numeric. */
export const RUB = '643';
