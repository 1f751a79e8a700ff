import { randomInt, randomUUID } from 'node:crypto';
import { moscowDate } from '../kit';
import { ACTIONS, type Action, ORDER_STATUS, type OrderStatus } from './order-status';
import { type CardOutcome, maskPan, paymentSystemOf } from './test-cards';

/** The card an attempt was made with, as the bank keeps and shows it (never the full number). */
export interface CardOnOrder {
  maskedPan: string;
  /** `YYYYMM`. */
  expiration: string;
  cardholderName: string;
  paymentSystem: string;
  approvalCode: string;
}

/** An order as the gateway keeps it. Amounts in kopecks. */
export interface AcquirerOrder {
  orderId: string;
  orderNumber: string;
  amount: number;
  /** Registered with registerPreAuth.do: paying holds the amount, deposit.do charges it. */
  twoStage: boolean;
  returnUrl: string;
  failUrl: string | undefined;
  description: string;
  /** jsonParams, as `merchantOrderParams` gives them back. */
  params: Array<{ name: string; value: string }>;
  /** Where this order's notifications go instead of the merchant's configured URL. */
  dynamicCallbackUrl: string | undefined;
  registeredAt: Date;
  /** The payer's session ends here (sessionTimeoutSecs after registration). */
  expiresAt: Date;
  status: OrderStatus;
  action: Action;
  approvedAmount: number;
  depositedAmount: number;
  refundedAmount: number;
  card: CardOnOrder | undefined;
  authorisedAt: Date | undefined;
  depositedAt: Date | undefined;
}

/** What register.do / registerPreAuth.do asked for, checked. */
export interface NewOrder {
  orderNumber: string;
  amount: number;
  twoStage: boolean;
  returnUrl: string;
  failUrl?: string;
  description: string;
  params: Array<{ name: string; value: string }>;
  sessionTimeoutSecs: number;
  dynamicCallbackUrl?: string;
}

/** The notification operations of the gateway's callback. */
export type CallbackOperation = 'approved' | 'deposited' | 'reversed' | 'refunded' | 'declinedByTimeout';

/** A change of an order that the merchant is notified of; `success` is the callback's `status` 1 or 0. */
export interface OrderChange {
  order: AcquirerOrder;
  operation: CallbackOperation;
  success: boolean;
}

/** A refusal in the gateway's words: `{errorCode, errorMessage}` with HTTP 200. */
export class AcquirerRefusal extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the payer typed on the form, checked. */
export interface CardEntry {
  pan: string;
  /** `YYYYMM`. */
  expiration: string;
  cardholderName: string;
}

/** Why the payment form cannot take a card for an order. */
export class FormRefusal extends Error {}

const OPEN: ReadonlySet<OrderStatus> = new Set([ORDER_STATUS.REGISTERED, ORDER_STATUS.ACS_STARTED]);

/**
 * The gateway's orders and their life: registered, paid on the form (or declined, or left to
 * expire by the clock), held and deposited, reversed, refunded. Every change the merchant is
 * notified of goes to `onChange`.
 */
export class OrderBook {
  private readonly byId = new Map<string, AcquirerOrder>();
  private readonly byNumber = new Map<string, AcquirerOrder>();
  /** Orders that may still be paid or expire: the only ones the clock sweep looks at. */
  private readonly open = new Set<AcquirerOrder>();

  constructor(private readonly onChange: (change: OrderChange) => void) {}

  register(input: NewOrder, now: Date): AcquirerOrder {
    if (this.byNumber.has(input.orderNumber)) throw new AcquirerRefusal('1', 'Заказ с таким номером уже обработан');
    const order: AcquirerOrder = {
      orderId: randomUUID(),
      orderNumber: input.orderNumber,
      amount: input.amount,
      twoStage: input.twoStage,
      returnUrl: input.returnUrl,
      failUrl: input.failUrl,
      description: input.description,
      params: input.params,
      dynamicCallbackUrl: input.dynamicCallbackUrl,
      registeredAt: new Date(now.getTime()),
      expiresAt: new Date(now.getTime() + input.sessionTimeoutSecs * 1000),
      status: ORDER_STATUS.REGISTERED,
      action: ACTIONS.NO_ATTEMPT,
      approvedAmount: 0,
      depositedAmount: 0,
      refundedAmount: 0,
      card: undefined,
      authorisedAt: undefined,
      depositedAt: undefined,
    };
    this.byId.set(order.orderId, order);
    this.byNumber.set(order.orderNumber, order);
    this.open.add(order);
    return order;
  }

  byOrderId(orderId: string): AcquirerOrder | undefined {
    return this.byId.get(orderId);
  }

  byOrderNumber(orderNumber: string): AcquirerOrder | undefined {
    return this.byNumber.get(orderNumber);
  }

  all(): IterableIterator<AcquirerOrder> {
    return this.byId.values();
  }

  /** Declines every open order whose session ran out by `now`, as the gateway does by its clock. */
  expireDue(now: Date): void {
    for (const order of this.open) {
      if (order.expiresAt.getTime() > now.getTime()) continue;
      this.close(order, ORDER_STATUS.DECLINED, ACTIONS.SESSION_EXPIRED);
      this.onChange({ order, operation: 'declinedByTimeout', success: true });
    }
  }

  /**
   * The payer submits a card on the payment form. One attempt per order: a declined order stays
   * declined. An order already paid is never charged again.
   */
  pay(order: AcquirerOrder, card: CardEntry, outcome: CardOutcome, now: Date): AcquirerOrder {
    if (order.status === ORDER_STATUS.ACS_STARTED) throw new FormRefusal('Ожидается подтверждение 3-D Secure');
    if (order.status !== ORDER_STATUS.REGISTERED) throw new FormRefusal(closedReason(order));
    order.card = {
      maskedPan: maskPan(card.pan),
      expiration: card.expiration,
      cardholderName: card.cardholderName,
      paymentSystem: paymentSystemOf(card.pan),
      approvalCode: outcome === 'pays' ? String(randomInt(100_000, 1_000_000)) : '',
    };
    switch (outcome) {
      case 'pays':
        order.authorisedAt = new Date(now.getTime());
        order.approvedAmount = order.amount;
        if (order.twoStage) {
          this.close(order, ORDER_STATUS.APPROVED, ACTIONS.SUCCESS);
          this.onChange({ order, operation: 'approved', success: true });
        } else {
          order.depositedAmount = order.amount;
          order.depositedAt = order.authorisedAt;
          this.close(order, ORDER_STATUS.DEPOSITED, ACTIONS.SUCCESS);
          this.onChange({ order, operation: 'deposited', success: true });
        }
        break;
      case 'fails-3ds':
        this.decline(order, ACTIONS.THREE_DS_FAILED);
        break;
      case 'insufficient-funds':
        this.decline(order, ACTIONS.INSUFFICIENT_FUNDS);
        break;
      case 'abandons-3ds':
        // The payer is sent to the issuer's page and never returns: the order waits for its timeout.
        order.status = ORDER_STATUS.ACS_STARTED;
        break;
    }
    return order;
  }

  /**
   * reverse.do: cancels an order not paid yet (it can then never be paid), releases a hold, or
   * returns a charge made the same Moscow day. Anything else is refused in the state it is in.
   */
  reverse(order: AcquirerOrder, now: Date): void {
    const sameDayCharge = order.status === ORDER_STATUS.DEPOSITED && order.depositedAt !== undefined && moscowDate(order.depositedAt) === moscowDate(now) && order.refundedAmount === 0;
    if (!OPEN.has(order.status) && order.status !== ORDER_STATUS.APPROVED && !sameDayCharge) throw stateRefusal();
    order.depositedAmount = 0;
    this.close(order, ORDER_STATUS.REVERSED, order.action);
    this.onChange({ order, operation: 'reversed', success: true });
  }

  /** refund.do: returns part or all of what was charged. */
  refund(order: AcquirerOrder, amount: number): void {
    if (order.status !== ORDER_STATUS.DEPOSITED && order.status !== ORDER_STATUS.REFUNDED) throw stateRefusal();
    if (amount > order.depositedAmount - order.refundedAmount) throw new AcquirerRefusal('7', 'Сумма возврата превышает сумму списания');
    order.refundedAmount += amount;
    order.status = ORDER_STATUS.REFUNDED;
    this.onChange({ order, operation: 'refunded', success: true });
  }

  /** deposit.do: charges a held amount, all of it (`amount` 0) or part. */
  deposit(order: AcquirerOrder, amount: number, now: Date): void {
    if (order.status !== ORDER_STATUS.APPROVED) throw stateRefusal();
    if (amount > order.approvedAmount) throw new AcquirerRefusal('5', 'Неверная сумма');
    order.depositedAmount = amount === 0 ? order.approvedAmount : amount;
    order.depositedAt = new Date(now.getTime());
    order.status = ORDER_STATUS.DEPOSITED;
    this.onChange({ order, operation: 'deposited', success: true });
  }

  private decline(order: AcquirerOrder, action: Action): void {
    this.close(order, ORDER_STATUS.DECLINED, action);
    // A one-stage payment that failed is notified as a deposit that did not succeed.
    this.onChange({ order, operation: order.twoStage ? 'approved' : 'deposited', success: false });
  }

  private close(order: AcquirerOrder, status: OrderStatus, action: Action): void {
    order.status = status;
    order.action = action;
    this.open.delete(order);
  }
}

function stateRefusal(): AcquirerRefusal {
  return new AcquirerRefusal('7', 'Операция невозможна для текущего состояния заказа');
}

/** Why the form no longer takes a card for an order, in the form's words. */
function closedReason(order: AcquirerOrder): string {
  if (order.status === ORDER_STATUS.DECLINED && order.action.code === ACTIONS.SESSION_EXPIRED.code) return 'Время сессии истекло';
  if (order.status === ORDER_STATUS.DECLINED) return 'Платёж отклонён';
  if (order.status === ORDER_STATUS.REVERSED) return 'Заказ отменён';
  return 'Заказ уже оплачен';
}
