import { type ConfirmationCounts, ConfirmationLedger, type ConfirmationOutcome } from '../kit';
import { type AmppAccounts, AmppRefusal } from './accounts';

/**
 * The smallest and largest top-up of a parking account, in kopecks *(designed: the portal's own
 * limits are not stated in the public sources read; ten roubles and fifteen thousand)*.
 */
export const MIN_TOPUP_KOPECKS = 1_000;
export const MAX_TOPUP_KOPECKS = 1_500_000;

/** A top-up as the payment service reports it. */
export interface TopUp {
  accountId: string;
  amountKopecks: number;
  /** The payment service's id of the payment: AMPP credits each once. */
  paymentId: string;
  paidAt: Date;
}

/**
 * Top-ups of AMPP accounts *(designed)*: money paid by card on the city's payment service,
 * credited to the account once per payment id. A repeat of the same payment credits nothing and
 * is answered as accepted; the same payment id for another account or sum is refused.
 */
export class AmppTopUps {
  private readonly ledger = new ConfirmationLedger();

  constructor(private readonly accounts: AmppAccounts) {}

  limits(accountId: string): { minAmount: number; maxAmount: number } {
    this.accounts.balance(accountId); // an unknown account is refused, not given limits
    return { minAmount: MIN_TOPUP_KOPECKS, maxAmount: MAX_TOPUP_KOPECKS };
  }

  topUp(topUp: TopUp, now: Date): { outcome: Exclude<ConfirmationOutcome, 'conflict'>; balance: number } {
    const { minAmount, maxAmount } = this.limits(topUp.accountId);
    if (topUp.amountKopecks < minAmount || topUp.amountKopecks > maxAmount) {
      throw new AmppRefusal(400, 'TOPUP_AMOUNT_OUT_OF_RANGE', `Сумма пополнения от ${minAmount / 100} до ${maxAmount / 100} руб.`);
    }
    const { outcome } = this.ledger.record({ paymentId: topUp.paymentId, target: topUp.accountId, amountKopecks: topUp.amountKopecks, paidAt: topUp.paidAt }, now);
    if (outcome === 'conflict') throw new AmppRefusal(409, 'PAYMENT_ID_CONFLICT', 'Платёж с этим идентификатором уже зачислен с другими реквизитами');
    const balance = outcome === 'accepted' ? this.accounts.credit(topUp.accountId, topUp.amountKopecks) : this.accounts.balance(topUp.accountId);
    return { outcome, balance };
  }

  counts(): ConfirmationCounts {
    return this.ledger.counts();
  }
}
