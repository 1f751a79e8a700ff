import { type ConfirmationCounts, ConfirmationLedger, type ConfirmationOutcome, moscowDate } from '../kit';
import type { Charge } from './charges';

/** A payment as the register is told of it. */
export interface ImportedPayment {
  /** The payer's own id of the payment: the register takes each once. */
  paymentId: string;
  /** The UIN of the charge paid (SupplierBillID). */
  uin: string;
  amountKopecks: number;
  /** When the payer paid: it decides whether the discount window was still open. */
  paidAt: Date;
}

/**
 * The federal payments register's side of the payments: what was paid against which UIN
 * *(designed: the real register is fed through the state services' interchange, not a public API)*.
 * It takes a payment once per payment id and matches it to the charge when the fines service
 * lists the charge: paid in full (within the discount window, the discounted sum is in full) is
 * acknowledged (`AcknowledgmentStatus` 1), less is matched provisionally (2). A payment for a UIN
 * the fines service does not list is kept all the same: the register takes payments as the banks
 * report them, whether or not the charge is known yet.
 */
export class PaymentsRegister {
  private readonly ledger = new ConfirmationLedger();

  importPayment(payment: ImportedPayment, now: Date): ConfirmationOutcome {
    return this.ledger.record({ paymentId: payment.paymentId, target: payment.uin, amountKopecks: payment.amountKopecks, paidAt: payment.paidAt }, now).outcome;
  }

  /** The charge as the fines service lists it once the register's payments are matched to it. */
  acknowledge(charge: Charge): Charge {
    const payments = this.ledger.forTarget(charge.SupplierBillID);
    if (payments.length === 0 || charge.AcknowledgmentStatus === '1') return charge;
    const paid = payments.reduce((sum, p) => sum + p.amountKopecks, 0);
    const full = Number(charge.TotalAmount);
    // The discounted sum is due only if every payment towards the charge was made inside the window.
    const discounted = charge.DiscountSize !== undefined && charge.DiscountExpiry !== undefined && payments.every((p) => moscowDate(p.paidAt) <= (charge.DiscountExpiry as string));
    const due = discounted ? Math.ceil((full * (100 - Number(charge.DiscountSize))) / 100) : full;
    return { ...charge, AcknowledgmentStatus: paid >= due ? '1' : '2' };
  }

  counts(): ConfirmationCounts {
    return this.ledger.counts();
  }
}
