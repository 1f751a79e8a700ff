import { type ConfirmationCounts, ConfirmationLedger, type ConfirmationOutcome, moscowDate } from '../kit';
import { HousingData, type SimBill, type SimHome } from './model';

/** A paid EPD as the payment service reports it. */
export interface EpdPayment {
  /** The payment service's id of the payment: the housing system takes each once. */
  paymentId: string;
  /** The document's UIN. */
  uin: string;
  amountKopecks: number;
  paidAt: Date;
}

/**
 * Payments of EPDs reported to the housing system *(designed)*, kept once per payment id. A
 * document is PAID once what was reported for it covers what was due on it (accrual and penalty
 * less what was paid before); `PaymentAmount` grows by every payment, part payments included.
 */
export class EpdPayments {
  private readonly ledger = new ConfirmationLedger();

  record(payment: EpdPayment, now: Date): ConfirmationOutcome {
    return this.ledger.record({ paymentId: payment.paymentId, target: payment.uin, amountKopecks: payment.amountKopecks, paidAt: payment.paidAt }, now).outcome;
  }

  /** The document as the system shows it once the payments reported for it are counted. */
  apply(bill: SimBill): SimBill {
    const reported = this.ledger.paidFor(bill.uin);
    if (reported === 0) return bill;
    const due = Math.max(0, bill.accrualKopecks + bill.penaltyKopecks - bill.paymentKopecks);
    return { ...bill, paymentKopecks: bill.paymentKopecks + reported, paid: bill.paid || reported >= due };
  }

  counts(): ConfirmationCounts {
    return this.ledger.counts();
  }
}

/** The housing data with the reported payments counted in every document it gives. */
export class HousingDataWithPayments extends HousingData {
  constructor(
    population: ConstructorParameters<typeof HousingData>[0],
    private readonly payments: EpdPayments,
  ) {
    super(population);
  }

  override bills(home: SimHome, from: string, to: string, today: string): SimBill[] {
    return super.bills(home, from, to, today).map((bill) => this.payments.apply(bill));
  }

  /**
   * The document a UIN names, issued by `now`. An EPD's UIN carries its payer code and month
   * (`1`, the payer code, `YYYYMM`, two digits, the check digit), so the document is found from the
   * UIN alone, as the payment service knows it.
   */
  billByUin(uin: string, now: Date): { home: SimHome; bill: SimBill } | undefined {
    if (!/^1\d{19}$/.test(uin)) return undefined;
    const home = this.homeByPayerCode(uin.slice(1, 11));
    const month = `${uin.slice(11, 15)}-${uin.slice(15, 17)}-01`;
    const bill = home ? this.bills(home, month, month, moscowDate(now)).find((b) => b.uin === uin) : undefined;
    return home && bill ? { home, bill } : undefined;
  }
}
