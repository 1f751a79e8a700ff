import { toMoscowInstant } from '../../platform/time';
import { type Route, SimHttpError, type SimRequest } from '../kit';
import type { EpdPayments, HousingDataWithPayments } from './epd-payments';
import { roubles } from './epd-routes';
import { refuse } from './meters-routes';
import { type PortalAuth, signOnRedirect } from './portal-auth';

export const EPD_PAYMENT_PATH = '/pgu/common/ajax/Guis062301/ConfirmEpdPayment';
const PAYMENT_ID = /^[A-Za-z0-9-]{1,64}$/;
/** Roubles as the EPD calls print them: whole, or with one or two decimals. */
const ROUBLES = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * The payment service reporting a paid EPD *(designed, in the style of the portal's EPD calls)*:
 * form-encoded `POST …/Guis062301/ConfirmEpdPayment` with `uin`, `payment_id`, `amount` (roubles,
 * `3558.45`) and `payment_date` (ISO-8601 with an offset) → `{ Result: "ACCEPTED" |
 * "ALREADY_ACCEPTED", PaymentId, Uin, PaymentStatus, PaymentAmount }`. Only the integration may
 * report a payment (its session or its service token); a resident's own session is refused, or a
 * resident could mark their bills paid. Refusals as the portal's: `{code, error}` with the status.
 */
export function epdPaymentRoutes(deps: { data: HousingDataWithPayments; payments: EpdPayments; auth: PortalAuth }): Route[] {
  const { data, payments, auth } = deps;
  const integrationOnly = (req: SimRequest): void => {
    switch (auth.caller(req)) {
      case 'integration':
        return;
      case 'bad-token':
        refuse(401, 'Unauthorized');
        return;
      case 'no-session':
        throw new SimHttpError(302, signOnRedirect(req));
      case 'resident':
        refuse(403, 'Доступ запрещён.');
    }
  };
  return [
    {
      method: 'POST',
      path: EPD_PAYMENT_PATH,
      handle(req) {
        integrationOnly(req);
        const form = req.form();
        const uin = form.get('uin') ?? '';
        const paymentId = form.get('payment_id') ?? '';
        if (!PAYMENT_ID.test(paymentId)) refuse(400, 'Не указан идентификатор платежа.');
        const amount = ROUBLES.exec(form.get('amount') ?? '');
        const kopecks = amount ? Number(amount[1]) * 100 + Number((amount[2] ?? '').padEnd(2, '0')) : 0;
        if (kopecks === 0) refuse(400, 'Сумма платежа указана неверно.');
        const instant = toMoscowInstant(form.get('payment_date') ?? '', { requireOffset: true });
        if (!instant) refuse(400, 'Дата платежа указывается в формате ISO-8601 со смещением.');
        const paidAt = new Date(instant as string);
        if (paidAt.getTime() > req.now.getTime() + 5 * 60_000) refuse(400, 'Дата платежа в будущем.');
        const found = data.billByUin(uin, req.now);
        if (!found) throw new SimHttpError(404, { json: { code: 'NOT_FOUND', error: 'ЕПД не найден.' } });
        const outcome = payments.record({ paymentId, uin, amountKopecks: kopecks, paidAt }, req.now);
        if (outcome === 'conflict') refuse(409, 'Платёж с этим идентификатором уже принят с другими реквизитами.');
        // Read again: the document now counts the payment just taken (or taken before).
        const bill = data.billByUin(uin, req.now)?.bill ?? found.bill;
        return {
          json: {
            Result: outcome === 'accepted' ? 'ACCEPTED' : 'ALREADY_ACCEPTED',
            PaymentId: paymentId,
            Uin: uin,
            PaymentStatus: bill.paid ? 'PAID' : 'NOT_PAID',
            PaymentAmount: roubles(bill.paymentKopecks),
          },
        };
      },
    },
  ];
}
