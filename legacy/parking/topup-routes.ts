import { toMoscowInstant } from '../../platform/time';
import type { Route } from '../kit';
import { type AmppAuth, amppError, withAmppRefusals } from './ampp-auth';
import type { AmppTopUps } from './topups';

export const TOPUP_PATH = '/api/2.40/accounts/topup';
export const TOPUP_LIMITS_PATH = '/api/2.40/accounts/topup/limits';
const PAYMENT_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Crediting an AMPP account with a top-up paid by card *(designed)*, in AMPP's JSON style:
 * `POST /api/2.40/accounts/topup {accountId, amount, paymentId, paymentDate?}` → `{ result:
 * "ACCEPTED" | "ALREADY_ACCEPTED", paymentId, accountId, amount, balance }`. Only the payment
 * service (the integration) may credit an account: a resident's own cabinet session may not,
 * or anyone could top up for free. `GET …/topup/limits?accountId` names the smallest and largest
 * top-up, for the account's owner or the integration.
 */
export function topUpRoutes(deps: { auth: AmppAuth; topUps: AmppTopUps }): Route[] {
  const { auth, topUps } = deps;
  return [
    {
      method: 'POST',
      path: TOPUP_PATH,
      handle(req) {
        const caller = auth.caller(req);
        if (caller.kind !== 'integration') throw amppError(403, 'FORBIDDEN', 'Пополнение счёта доступно только платёжному сервису');
        const body = req.json();
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw amppError(400, 'BAD_REQUEST', 'a JSON object is required');
        const input = body as Record<string, unknown>;
        const { accountId, amount, paymentId, paymentDate } = input;
        if (typeof accountId !== 'string' || accountId.length === 0) throw amppError(400, 'BAD_REQUEST', 'accountId is required');
        if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw amppError(400, 'BAD_REQUEST', 'amount must be whole kopecks');
        if (typeof paymentId !== 'string' || !PAYMENT_ID.test(paymentId)) throw amppError(400, 'BAD_REQUEST', 'paymentId is required: up to 64 letters, digits and dashes');
        let paidAt = req.now;
        if (paymentDate !== undefined) {
          const instant = typeof paymentDate === 'string' ? toMoscowInstant(paymentDate, { requireOffset: true }) : undefined;
          if (!instant) throw amppError(400, 'BAD_REQUEST', 'paymentDate must be ISO-8601 with an offset');
          paidAt = new Date(instant);
        }
        const { outcome, balance } = withAmppRefusals(() => topUps.topUp({ accountId, amountKopecks: amount, paymentId, paidAt }, req.now));
        return { json: { result: outcome === 'accepted' ? 'ACCEPTED' : 'ALREADY_ACCEPTED', paymentId, accountId, amount, balance } };
      },
    },
    {
      method: 'GET',
      path: TOPUP_LIMITS_PATH,
      handle(req) {
        const caller = auth.caller(req);
        const accountId = req.query.get('accountId') ?? '';
        if (accountId.length === 0) throw amppError(400, 'BAD_REQUEST', 'accountId is required');
        auth.mayUseAccount(caller, accountId);
        return { json: withAmppRefusals(() => topUps.limits(accountId)) };
      },
    },
  ];
}
