import { LegacyBadResponseError } from '../transport';
import { AMPP_SYSTEM } from './ampp-mapper';
import type { AccountTopUp, TopUpLimits, TopUpReceipt } from './topup-port';
import type { WireTopUpLimits, WireTopUpReply } from './topup-wire';

export function toTopUpLimits(wire: WireTopUpLimits, endpoint: string): TopUpLimits {
  if (wire.minAmount > wire.maxAmount) throw new LegacyBadResponseError(AMPP_SYSTEM, endpoint, 'minAmount is above maxAmount');
  return { minKopecks: wire.minAmount, maxKopecks: wire.maxAmount };
}

/** AMPP's answer → a receipt; an answer about another payment, account or sum is not a confirmation of this one. */
export function toTopUpReceipt(wire: WireTopUpReply, sent: AccountTopUp, endpoint: string): TopUpReceipt {
  if (wire.paymentId !== sent.paymentId || wire.accountId !== sent.accountId || wire.amount !== sent.amountKopecks) {
    throw new LegacyBadResponseError(AMPP_SYSTEM, endpoint, 'the answer is for another top-up');
  }
  return { result: wire.result, balanceKopecks: wire.balance };
}
