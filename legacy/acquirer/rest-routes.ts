import type { Route, SimRequest, SimResponse } from '../kit';
import { MERCHANT_NAME, type MerchantAuth } from './merchant-auth';
import { PAYMENT_STATE, RUB } from './order-status';
import { type AcquirerOrder, AcquirerRefusal, type NewOrder, type OrderBook } from './orders';

export const REST_PREFIX = '/payment/rest';
/** Where the payer is sent to pay: `formUrl` points here with `?mdOrder=<orderId>`. */
export const FORM_PATH = `/payment/merchants/${MERCHANT_NAME}/payment_ru.html`;

/** The payer's session when register.do does not say: 20 minutes, the gateway's default. */
export const DEFAULT_SESSION_TIMEOUT_SECS = 1_200;
/** The longest session the simulator takes *(designed)*: thirty days. */
export const MAX_SESSION_TIMEOUT_SECS = 30 * 24 * 3_600;
/** The merchant's order number: up to 36 printable characters. */
const ORDER_NUMBER = /^[\x21-\x7e]{1,36}$/;
/** The bank's order id: a UUID. */
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Most characters of a description, and most jsonParams entries *(designed limits)*. */
const MAX_DESCRIPTION = 512;
const MAX_PARAMS = 50;
/** Most kopecks in one order *(designed)*: ten million roubles. */
const MAX_AMOUNT = 1_000_000_000;

/** Answers in the gateway's shape: HTTP 200 always, a failure carried by `errorCode`. */
const refused = (error: AcquirerRefusal): SimResponse => ({ json: { errorCode: error.errorCode, errorMessage: error.message } });
const ok = (): SimResponse => ({ json: { errorCode: '0', errorMessage: 'Успешно' } });

/**
 * The gateway's REST API: form-encoded POSTs under `/payment/rest/`, each answering JSON with
 * HTTP 200 whatever happened, a refusal as `{errorCode, errorMessage}` (codes as the real gateway
 * gives them: 1 an order number already used, 3 an unknown currency, 4 a missing parameter, 5 a
 * wrong value or wrong credentials, 6 an unknown order, 7 an operation the order's state does not
 * allow or a system error).
 */
export function restRoutes(deps: { orders: OrderBook; auth: MerchantAuth }): Route[] {
  const { orders, auth } = deps;

  /** Every call: the merchant's credentials first, then the call's own work; refusals become answers. */
  const call =
    (work: (form: URLSearchParams, req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      const form = req.form();
      if (!auth.accepts(form)) return refused(new AcquirerRefusal('5', 'Доступ запрещён'));
      try {
        return work(form, req);
      } catch (error) {
        if (error instanceof AcquirerRefusal) return refused(error);
        throw error;
      }
    };

  const register = (twoStage: boolean) =>
    call((form, req) => {
      const order = orders.register(newOrder(form, twoStage), req.now);
      return { json: { orderId: order.orderId, formUrl: `${originOf(req)}${FORM_PATH}?mdOrder=${order.orderId}` } };
    });

  /** The order an operation names by `orderId` (the only way reverse, refund and deposit name it). */
  const byOrderId = (form: URLSearchParams): AcquirerOrder => {
    const orderId = form.get('orderId');
    if (!orderId) throw new AcquirerRefusal('4', 'Не указан номер заказа');
    const order = ORDER_ID.test(orderId) ? orders.byOrderId(orderId) : undefined;
    if (!order) throw new AcquirerRefusal('6', 'Неверный номер заказа');
    return order;
  };

  return [
    { method: 'POST', path: `${REST_PREFIX}/register.do`, handle: register(false) },
    { method: 'POST', path: `${REST_PREFIX}/registerPreAuth.do`, handle: register(true) },
    {
      method: 'POST',
      path: `${REST_PREFIX}/getOrderStatusExtended.do`,
      handle: call((form) => {
        const orderId = form.get('orderId');
        const orderNumber = form.get('orderNumber');
        if (!orderId && !orderNumber) throw new AcquirerRefusal('4', 'Ожидается orderId или orderNumber');
        const order = orderId ? (ORDER_ID.test(orderId) ? orders.byOrderId(orderId) : undefined) : orders.byOrderNumber(orderNumber ?? '');
        if (!order) throw new AcquirerRefusal('6', 'Заказ не найден');
        return { json: statusPayload(order) };
      }),
    },
    {
      method: 'POST',
      path: `${REST_PREFIX}/reverse.do`,
      handle: call((form, req) => {
        orders.reverse(byOrderId(form), req.now);
        return ok();
      }),
    },
    {
      method: 'POST',
      path: `${REST_PREFIX}/refund.do`,
      handle: call((form) => {
        const order = byOrderId(form);
        const amount = amountOf(form, { zeroAllowed: false });
        orders.refund(order, amount);
        return ok();
      }),
    },
    {
      method: 'POST',
      path: `${REST_PREFIX}/deposit.do`,
      handle: call((form, req) => {
        const order = byOrderId(form);
        orders.deposit(order, amountOf(form, { zeroAllowed: true }), req.now);
        return ok();
      }),
    },
  ];
}

/** register.do's parameters, checked in the gateway's order; the first fault found is answered. */
function newOrder(form: URLSearchParams, twoStage: boolean): NewOrder {
  const orderNumber = form.get('orderNumber');
  if (!orderNumber) throw new AcquirerRefusal('4', 'Номер заказа не может быть пуст');
  if (!ORDER_NUMBER.test(orderNumber)) throw new AcquirerRefusal('5', 'Неверное значение параметра orderNumber');
  if (form.get('amount') === null) throw new AcquirerRefusal('4', 'Отсутствует сумма');
  const amount = amountOf(form, { zeroAllowed: false });
  const currency = form.get('currency');
  if (currency !== null && currency !== RUB) throw new AcquirerRefusal('3', 'Неизвестная валюта');
  const returnUrl = form.get('returnUrl');
  if (!returnUrl) throw new AcquirerRefusal('4', 'URL возврата не может быть пуст');
  if (!isHttpUrl(returnUrl)) throw new AcquirerRefusal('5', 'Неверное значение параметра returnUrl');
  const failUrl = form.get('failUrl') ?? undefined;
  if (failUrl !== undefined && !isHttpUrl(failUrl)) throw new AcquirerRefusal('5', 'Неверное значение параметра failUrl');
  const dynamicCallbackUrl = form.get('dynamicCallbackUrl') ?? undefined;
  if (dynamicCallbackUrl !== undefined && !isHttpUrl(dynamicCallbackUrl)) throw new AcquirerRefusal('5', 'Неверное значение параметра dynamicCallbackUrl');
  const description = form.get('description') ?? '';
  if (description.length > MAX_DESCRIPTION) throw new AcquirerRefusal('5', 'Неверное значение параметра description');
  const timeout = form.get('sessionTimeoutSecs');
  const sessionTimeoutSecs = timeout === null ? DEFAULT_SESSION_TIMEOUT_SECS : Number(timeout);
  if (!/^\d{1,7}$/.test(timeout ?? '0') || sessionTimeoutSecs < 1 || sessionTimeoutSecs > MAX_SESSION_TIMEOUT_SECS) {
    throw new AcquirerRefusal('5', 'Неверное значение параметра sessionTimeoutSecs');
  }
  return {
    orderNumber,
    amount,
    twoStage,
    returnUrl,
    ...(failUrl === undefined ? {} : { failUrl }),
    ...(dynamicCallbackUrl === undefined ? {} : { dynamicCallbackUrl }),
    description,
    params: paramsOf(form.get('jsonParams')),
    sessionTimeoutSecs,
  };
}

/** `amount` in kopecks: whole, positive (or zero where the call means "all of it"). */
function amountOf(form: URLSearchParams, options: { zeroAllowed: boolean }): number {
  const raw = form.get('amount') ?? '';
  const amount = /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(amount <= MAX_AMOUNT) || (amount === 0 && !options.zeroAllowed)) throw new AcquirerRefusal('5', 'Неверная сумма');
  return amount;
}

/** jsonParams: a JSON object of scalar values, given back as `merchantOrderParams` name/value pairs. */
function paramsOf(raw: string | null): Array<{ name: string; value: string }> {
  if (raw === null || raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AcquirerRefusal('5', 'Неверное значение параметра jsonParams');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AcquirerRefusal('5', 'Неверное значение параметра jsonParams');
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > MAX_PARAMS || entries.some(([, v]) => !['string', 'number', 'boolean'].includes(typeof v))) {
    throw new AcquirerRefusal('5', 'Неверное значение параметра jsonParams');
  }
  return entries.map(([name, value]) => ({ name, value: String(value) }));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The gateway's own address as the caller reached it, for the form URL it hands out. */
export function originOf(req: SimRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

/**
 * getOrderStatusExtended.do's answer. `errorCode` "0" with the order; the card's details only once
 * a card was tried (masked: the gateway never gives the number back); dates as epoch milliseconds.
 */
export function statusPayload(order: AcquirerOrder): Record<string, unknown> {
  return {
    errorCode: '0',
    errorMessage: 'Успешно',
    orderNumber: order.orderNumber,
    orderStatus: order.status,
    actionCode: order.action.code,
    actionCodeDescription: order.action.description,
    amount: order.amount,
    currency: RUB,
    date: order.registeredAt.getTime(),
    orderDescription: order.description,
    merchantOrderParams: order.params,
    attributes: [{ name: 'mdOrder', value: order.orderId }],
    ...(order.card
      ? {
          cardAuthInfo: {
            maskedPan: order.card.maskedPan,
            expiration: order.card.expiration,
            cardholderName: order.card.cardholderName,
            approvalCode: order.card.approvalCode,
            paymentSystem: order.card.paymentSystem,
          },
          bankInfo: { bankCountryCode: 'RU', bankCountryName: 'Россия' },
        }
      : {}),
    ...(order.authorisedAt ? { authDateTime: order.authorisedAt.getTime(), terminalId: '24000001' } : {}),
    paymentAmountInfo: {
      paymentState: PAYMENT_STATE[order.status],
      approvedAmount: order.approvedAmount,
      depositedAmount: order.depositedAmount,
      refundedAmount: order.refundedAmount,
      feeAmount: 0,
    },
  };
}
