/**
 * How an owning system (the payments register, housing, AMPP) keeps the payment confirmations it
 * was sent: idempotent by the payer's payment id, the way those systems deduplicate a payment
 * document, so that a confirmation delivered twice (an outbox redelivering after a crash or a lost
 * answer) is recognised and never applied twice. Counts what it took per target (a UIN, an
 * account), so tests can hold "charges at the bank == confirmations at the owner".
 */

/** What the ledger answers a confirmation with. */
export type ConfirmationOutcome =
  /** First time this payment id is seen: applied. */
  | 'accepted'
  /** The same payment again (same target, same amount): answered as accepted, not applied again. */
  | 'duplicate'
  /** The payment id was already used for another target or amount: refused, nothing applied. */
  | 'conflict';

/** One confirmation as the owner keeps it. */
export interface Confirmation {
  paymentId: string;
  /** What was paid: a UIN, an account id. */
  target: string;
  amountKopecks: number;
  /** When the payer paid, as the confirmation states it. */
  paidAt: Date;
  /** When the owner took it, by the simulator clock. */
  receivedAt: Date;
}

/** What `GET /__admin/confirmations` shows of one ledger. */
export interface ConfirmationCounts {
  /** Confirmations applied: one per distinct payment id. */
  accepted: number;
  /** Repeats of an applied payment, answered as accepted and not applied. */
  duplicates: number;
  /** Payment ids sent again for another target or amount, refused. */
  conflicts: number;
  /** Accepted confirmations per target. */
  byTarget: Record<string, number>;
  /** Accepted kopecks per target. */
  kopecksByTarget: Record<string, number>;
}

export class ConfirmationLedger {
  private readonly byPaymentId = new Map<string, Confirmation>();
  private readonly byTarget = new Map<string, Confirmation[]>();
  private duplicates = 0;
  private conflicts = 0;

  /** Takes a confirmation, or recognises one already taken. */
  record(confirmation: Omit<Confirmation, 'receivedAt'>, now: Date): { outcome: ConfirmationOutcome; confirmation: Confirmation } {
    const known = this.byPaymentId.get(confirmation.paymentId);
    if (known) {
      const same = known.target === confirmation.target && known.amountKopecks === confirmation.amountKopecks;
      if (same) this.duplicates++;
      else this.conflicts++;
      return { outcome: same ? 'duplicate' : 'conflict', confirmation: known };
    }
    const taken: Confirmation = { ...confirmation, receivedAt: new Date(now.getTime()) };
    this.byPaymentId.set(taken.paymentId, taken);
    const list = this.byTarget.get(taken.target) ?? [];
    list.push(taken);
    this.byTarget.set(taken.target, list);
    return { outcome: 'accepted', confirmation: taken };
  }

  /** The confirmations taken for a target, oldest first. */
  forTarget(target: string): readonly Confirmation[] {
    return this.byTarget.get(target) ?? [];
  }

  /** The kopecks confirmed for a target. */
  paidFor(target: string): number {
    return this.forTarget(target).reduce((sum, c) => sum + c.amountKopecks, 0);
  }

  counts(): ConfirmationCounts {
    const byTarget: Record<string, number> = {};
    const kopecksByTarget: Record<string, number> = {};
    for (const [target, list] of this.byTarget) {
      byTarget[target] = list.length;
      kopecksByTarget[target] = list.reduce((sum, c) => sum + c.amountKopecks, 0);
    }
    return { accepted: this.byPaymentId.size, duplicates: this.duplicates, conflicts: this.conflicts, byTarget, kopecksByTarget };
  }
}
