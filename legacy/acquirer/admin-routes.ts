import type { Route } from '../kit';
import type { CallbackNotifier } from './callbacks';
import { ORDER_STATUS } from './order-status';
import type { AcquirerOrder, OrderBook } from './orders';

/** What the bank holds of the merchant's money, as `GET /__admin/charges` reports it. */
export interface ChargesReport {
  /** Orders registered. */
  registered: number;
  /** Orders whose money the bank has taken and kept: charged, not reversed, not wholly refunded. */
  charged: number;
  /** What those orders keep: deposited less refunded, in kopecks. */
  chargedKopecks: number;
  /** Two-stage orders whose amount is held, not yet deposited. */
  held: number;
  reversed: number;
  refunded: number;
  declined: number;
  orders: Array<{ orderNumber: string; orderId: string; orderStatus: number; amount: number; depositedAmount: number; refundedAmount: number }>;
}

/**
 * The acquirer's admin helpers, beside the kit's: what was charged (so tests can require every
 * charge to be confirmed to its owner exactly once) and the notification callback (where it goes,
 * whether it is lost, what was sent). `?orderNumberPrefix=` narrows the charges to one test's orders.
 */
export function acquirerAdminRoutes(deps: { orders: OrderBook; callbacks: CallbackNotifier }): Route[] {
  const { orders, callbacks } = deps;
  return [
    {
      method: 'GET',
      path: '/charges',
      handle(req) {
        const prefix = req.query.get('orderNumberPrefix') ?? '';
        return { json: chargesReport([...orders.all()].filter((o) => o.orderNumber.startsWith(prefix))) };
      },
    },
    { method: 'GET', path: '/callbacks', handle: () => ({ json: { ...callbacks.settings(), deliveries: callbacks.list() } }) },
    {
      method: 'POST',
      path: '/callbacks',
      handle(req) {
        const body = req.json();
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('a JSON object {url?, drop?} is expected');
        const { url, drop, ...rest } = body as Record<string, unknown>;
        if (Object.keys(rest).length > 0) throw new Error(`unknown callback field "${Object.keys(rest)[0]}"`);
        if (url !== undefined && url !== null && typeof url !== 'string') throw new Error('url must be a string or null');
        if (drop !== undefined && typeof drop !== 'boolean') throw new Error('drop must be true or false');
        callbacks.configure({ ...(url === undefined ? {} : { url }), ...(drop === undefined ? {} : { drop }) });
        return { json: callbacks.settings() };
      },
    },
  ];
}

export function chargesReport(list: ReadonlyArray<AcquirerOrder>): ChargesReport {
  const kept = (o: AcquirerOrder): number => o.depositedAmount - o.refundedAmount;
  const charged = list.filter((o) => kept(o) > 0);
  return {
    registered: list.length,
    charged: charged.length,
    chargedKopecks: charged.reduce((sum, o) => sum + kept(o), 0),
    held: list.filter((o) => o.status === ORDER_STATUS.APPROVED).length,
    reversed: list.filter((o) => o.status === ORDER_STATUS.REVERSED).length,
    refunded: list.filter((o) => o.refundedAmount > 0).length,
    declined: list.filter((o) => o.status === ORDER_STATUS.DECLINED).length,
    orders: list.map((o) => ({
      orderNumber: o.orderNumber,
      orderId: o.orderId,
      orderStatus: o.status,
      amount: o.amount,
      depositedAmount: o.depositedAmount,
      refundedAmount: o.refundedAmount,
    })),
  };
}
