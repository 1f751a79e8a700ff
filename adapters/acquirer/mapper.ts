import { moscowIso } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import { ACQUIRER_SYSTEM } from './errors';
import type { DeclineReason, OrderState, OrderStatus, RegisteredOrder } from './port';
import type { WireOrderStatus, WireRegisterReply } from './wire';

/** `orderStatus` → our words. */
const STATES: Readonly<Record<number, OrderState>> = { 0: 'REGISTERED', 1: 'HELD', 2: 'PAID', 3: 'REVERSED', 4: 'REFUNDED', 5: 'AWAITING_3DS', 6: 'DECLINED' };
/** actionCode -2007: the payer's session ran out. */
const EXPIRED = -2007;
/** Action codes of a failed 3-D Secure authentication. */
const THREE_DS_FAILED: ReadonlySet<number> = new Set([-2006]);

export function toRegisteredOrder(wire: WireRegisterReply): RegisteredOrder {
  return { orderId: wire.orderId, formUrl: wire.formUrl };
}

/**
 * An order's status → the domain. The bank's order id comes from the `mdOrder` attribute (an
 * order read by its number carries it there), or from the call when it was read by id. The amounts
 * must add up: more deposited than approved, or more refunded than deposited, is not an answer to
 * act on with money.
 */
export function toOrderStatus(wire: WireOrderStatus, endpoint: string, askedOrderId?: string): OrderStatus {
  const bad = (reason: string): never => {
    throw new LegacyBadResponseError(ACQUIRER_SYSTEM, endpoint, reason);
  };
  const orderId = wire.attributes?.find((a) => a.name === 'mdOrder')?.value ?? askedOrderId ?? bad('no mdOrder attribute on an order read by its number');
  if (askedOrderId !== undefined && orderId !== askedOrderId) bad('the answer is for another order');
  const state = STATES[wire.orderStatus] ?? bad('orderStatus is not 0..6');
  const info = wire.paymentAmountInfo ?? {};
  const approved = info.approvedAmount ?? 0;
  const deposited = info.depositedAmount ?? 0;
  const refunded = info.refundedAmount ?? 0;
  if (refunded > deposited) bad('paymentAmountInfo refunds more than was deposited');
  if (state === 'PAID' && deposited === 0) bad('a paid order with nothing deposited');
  return {
    orderId,
    orderNumber: wire.orderNumber,
    state,
    declineReason: state === 'DECLINED' ? declineReason(wire.actionCode) : null,
    actionCode: wire.actionCode,
    amountKopecks: wire.amount,
    approvedKopecks: approved,
    depositedKopecks: deposited,
    refundedKopecks: refunded,
    chargedKopecks: deposited - refunded,
    params: Object.fromEntries((wire.merchantOrderParams ?? []).map((p) => [p.name, p.value])),
    registeredAt: instant(wire.date),
    authorisedAt: instant(wire.authDateTime),
  };
}

function declineReason(actionCode: number): DeclineReason {
  if (actionCode === EXPIRED) return 'EXPIRED';
  return THREE_DS_FAILED.has(actionCode) ? 'THREE_DS_FAILED' : 'DECLINED_BY_ISSUER';
}

/** The gateway's epoch milliseconds → ISO-8601 with the Moscow offset. */
function instant(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : moscowIso(new Date(ms));
}
