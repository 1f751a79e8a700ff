import type { EpdPaymentsPort } from '../../adapters/housing';
import type { AmppTopUpPort } from '../../adapters/parking';
import type { PaymentsRegisterPort } from '../../adapters/payments-register';
import type { Logger } from '../../platform/logging';
import { type Clock, moscowIso } from '../../platform/time';
import type { OutboxBackoff } from '../kit';
import type { PaymentStorePort } from './store/payment-store-port';
import type { ClaimedConfirmation } from './types';

/** The owning systems a paid payment is confirmed to, each idempotent by our payment id. */
export interface Owners {
  /** Fines: the federal payments register. */
  register: PaymentsRegisterPort;
  /** EPD: the housing system. */
  epd: EpdPaymentsPort;
  /** Top-ups: AMPP. */
  topUps: Pick<AmppTopUpPort, 'topUp'>;
}

/**
 * Delivers one claimed confirmation to the system that owns its target. Each owner takes a payment
 * id once (a repeat is ALREADY_ACCEPTED and applies nothing), so a confirmation sent again after a
 * crash or a lost answer is confirmed once; that is what makes the outbox's at-least-once delivery
 * exactly once where it counts. Whatever the failure, the confirmation stays queued and is tried
 * again after the backoff: money taken is never left unconfirmed.
 */
export class ConfirmationDelivery {
  constructor(
    private readonly owners: Owners,
    private readonly store: PaymentStorePort,
    private readonly backoff: OutboxBackoff,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Answers whether it was delivered (false: rescheduled). */
  async deliver(claim: ClaimedConfirmation): Promise<boolean> {
    const { payment } = claim;
    const paidAt = moscowIso(payment.paidAt ?? payment.updatedAt);
    try {
      switch (payment.targetKind) {
        case 'BILL':
          await this.owners.epd.reportPayment({ paymentId: payment.id, uin: payment.targetRef, amountKopecks: payment.amountKopecks, paidAt });
          break;
        case 'FINE':
          await this.owners.register.acknowledgePayment({ paymentId: payment.id, uin: payment.targetRef, amountKopecks: payment.amountKopecks, paidAt });
          break;
        case 'PARKING_TOP_UP':
          await this.owners.topUps.topUp({ paymentId: payment.id, accountId: payment.targetRef, amountKopecks: payment.amountKopecks, paidAt });
          break;
      }
    } catch (error) {
      const type = (error as Error).name;
      const at = new Date(this.clock.now().getTime() + this.backoff.delayMs(claim.attempts));
      // The kind and the error's type only: neither the UIN nor the account reaches the log.
      this.logger.warn({ paymentId: payment.id, kind: payment.targetKind, attempts: claim.attempts, err: { type } }, 'payment confirmation not taken; will retry');
      await this.store.rescheduleConfirmation(claim, at, type);
      return false;
    }
    const recorded = await this.store.confirmDelivered(claim, this.clock.now());
    if (!recorded) this.logger.warn({ paymentId: payment.id }, 'payment confirmation delivered after its lease ran out; another deliverer records it');
    return recorded;
  }
}
