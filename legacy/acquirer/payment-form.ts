import type { Route, SimResponse } from '../kit';
import { ORDER_STATUS } from './order-status';
import { type AcquirerOrder, FormRefusal, type OrderBook } from './orders';
import { FORM_PATH, REST_PREFIX } from './rest-routes';
import { outcomeOf } from './test-cards';

/** Where the form posts the card *(path as the real form posts it; the answer's shape is designed)*. */
export const PROCESS_FORM_PATH = `${REST_PREFIX}/processform.do`;

/**
 * The payment form at `formUrl`, and what the payer's browser posts from it. The page shows the
 * order; posting a card to `processform.do` is how a test "completes" a payment, the card number
 * deciding what happens (see `test-cards.ts`): paid, declined by 3-D Secure or by the issuer, or
 * left at the 3-D Secure page until the session times out. Fields as the real form names them:
 * `MDORDER`, `$PAN`, `$CVC`, `MM`, `YYYY`, `TEXT` (the cardholder). The answer is JSON: where to
 * send the browser (`redirect`: `returnUrl?orderId=…`, or `failUrl` when declined), or
 * `{errorCode, error}` when the form cannot take the card *(designed)*.
 */
export function paymentFormRoutes(deps: { orders: OrderBook }): Route[] {
  const { orders } = deps;
  return [
    {
      method: 'GET',
      path: FORM_PATH,
      contentType: 'text/html; charset=utf-8',
      handle(req) {
        const order = orders.byOrderId(req.query.get('mdOrder') ?? '');
        if (!order) return page(404, '<p>Заказ не найден.</p>');
        const state = order.status === ORDER_STATUS.REGISTERED ? '' : `<p class="state">${escapeHtml(stateText(order))}</p>`;
        return page(
          200,
          [
            `<h1>Оплата заказа № ${escapeHtml(order.orderNumber)}</h1>`,
            `<p class="amount">${roubles(order.amount)} ₽</p>`,
            `<p class="description">${escapeHtml(order.description)}</p>`,
            state,
            `<form method="post" action="${PROCESS_FORM_PATH}">`,
            `<input type="hidden" name="MDORDER" value="${escapeHtml(order.orderId)}"/>`,
            '<input name="$PAN"/><input name="MM"/><input name="YYYY"/><input name="TEXT"/><input type="password" name="$CVC"/>',
            '<button type="submit">Оплатить</button></form>',
          ].join('\n'),
        );
      },
    },
    {
      method: 'POST',
      path: PROCESS_FORM_PATH,
      handle(req) {
        const form = req.form();
        const order = orders.byOrderId(form.get('MDORDER') ?? '');
        if (!order) return { json: { errorCode: 2, error: 'Заказ не найден' } };
        const pan = (form.get('$PAN') ?? '').replace(/\s/g, '');
        const outcome = outcomeOf(pan);
        const month = form.get('MM') ?? '';
        const year = form.get('YYYY') ?? '';
        if (!outcome || !/^\d{3}$/.test(form.get('$CVC') ?? '') || !/^(0[1-9]|1[0-2])$/.test(month) || !/^\d{4}$/.test(year)) {
          return { json: { errorCode: 1, error: 'Неверные данные карты' } };
        }
        try {
          orders.pay(order, { pan, expiration: `${year}${month}`, cardholderName: (form.get('TEXT') ?? '').slice(0, 64) }, outcome, req.now);
        } catch (error) {
          if (error instanceof FormRefusal) return { json: { errorCode: 3, error: error.message } };
          throw error;
        }
        if (order.status === ORDER_STATUS.ACS_STARTED) return { json: { errorCode: 0, info: 'Перенаправление на страницу 3-D Secure банка-эмитента' } };
        return { json: { errorCode: 0, redirect: redirectOf(order) } };
      },
    },
  ];
}

function redirectOf(order: AcquirerOrder): string {
  const target = new URL(order.status === ORDER_STATUS.DECLINED ? (order.failUrl ?? order.returnUrl) : order.returnUrl);
  target.searchParams.set('orderId', order.orderId);
  return target.toString();
}

function stateText(order: AcquirerOrder): string {
  switch (order.status) {
    case ORDER_STATUS.DEPOSITED:
    case ORDER_STATUS.APPROVED:
    case ORDER_STATUS.REFUNDED:
      return 'Заказ оплачен.';
    case ORDER_STATUS.REVERSED:
      return 'Заказ отменён.';
    case ORDER_STATUS.ACS_STARTED:
      return 'Ожидается подтверждение 3-D Secure.';
    default:
      return order.action.description;
  }
}

function page(status: number, body: string): SimResponse {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    text: `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"/><title>Оплата</title></head><body>\n${body}\n</body></html>`,
  };
}

function roubles(kopecks: number): string {
  return `${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
