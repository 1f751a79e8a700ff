import { randomUUID } from 'node:crypto';
import { type AcquirerPort, OrderNotFoundError, OrderStateError, type OrderStatus } from '../../adapters/acquirer';
import { LegacyBadResponseError, LegacyRejectionError } from '../../adapters/transport';
import { graphqlError } from '../../platform/errors';
import type { Logger } from '../../platform/logging';
import type { Clock } from '../../platform/time';
import type { PayableTarget } from './payable-targets';
import type { PaymentStorePort } from './store/payment-store-port';
import type { PaymentRecord, TargetKind } from './types';

/** How payments meet the bank. */
export interface FlowSettings {
  /** Where the bank sends the payer after paying (the portal's page). */
  returnUrl: string;
  /** How long the payer has to pay, in seconds. Default 1200 (the bank's usual 20 minutes). */
  sessionTimeoutSeconds: number;
  /**
   * How long the bank keeps the order payable after our deadline, in seconds: we reverse the order
   * at our deadline, and the bank's own timeout is only the net under it. Default 300.
   */
  bankGraceSeconds: number;
  /** How long an unsettled payment waits for the bank's callback before its status is polled. Default 60 s. */
  reconcileAfterMs: number;
}

export const DEFAULT_FLOW_SETTINGS: FlowSettings = {
  returnUrl: 'https://www.mos.ru/pay/return',
  sessionTimeoutSeconds: 1_200,
  bankGraceSeconds: 300,
  reconcileAfterMs: 60_000,
};

/** What a payer asks to pay: a bill or fine by UIN, or a top-up by amount. */
export type PaymentRequest = { kind: 'BILL' | 'FINE'; uin: string } | { kind: 'PARKING_TOP_UP'; amountKopecks: number };

/**
 * A payment's way through the bank: created under the payer's idempotency key, registered as an
 * order (number = payment id), then moved by what the bank reports — on its callback, or when the
 * reconciliation worker polls — to PAID (with its confirmation queued in the same transaction),
 * DECLINED, EXPIRED (reversed at the bank) or FAILED. The bank's status is the only source: a
 * callback is a hint to read it, never taken on its word.
 */
export class PaymentFlow {
  constructor(
    private readonly store: PaymentStorePort,
    private readonly acquirer: AcquirerPort,
    private readonly clock: Clock,
    private readonly settings: FlowSettings,
    private readonly logger: Logger,
  ) {}

  /**
   * The payment under `idempotencyKey`: the one made before when the key was used for the same
   * target (nothing is charged again), or a new one for what `resolve` finds due now.
   * IDEMPOTENCY_KEY_REUSED for the key used for another target; PAYMENT_IN_PROGRESS when the
   * target has a payment under way.
   */
  async pay(payerId: string, idempotencyKey: string, request: PaymentRequest, resolve: () => Promise<PayableTarget>): Promise<PaymentRecord> {
    const earlier = await this.store.findByKey(payerId, idempotencyKey);
    if (earlier) return sameRequest(earlier, request);
    const target = await resolve();
    const now = this.clock.now();
    const creation = await this.store.create({
      id: randomUUID(),
      payerId,
      idempotencyKey,
      targetKind: target.kind,
      targetRef: target.ref,
      amountKopecks: target.amountKopecks,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.settings.sessionTimeoutSeconds * 1000),
      // Not before the registration below has had its time: the worker must not find the order missing while it is on its way.
      nextCheckAt: new Date(now.getTime() + this.settings.reconcileAfterMs),
    });
    if (!creation.created) {
      if (creation.reason === 'KEY_TAKEN') return sameRequest(creation.existing, request);
      throw graphqlError('PAYMENT_IN_PROGRESS');
    }
    return this.register(creation.payment, target.description);
  }

  /**
   * Registers the order. A refusal fails the payment (nothing can be charged on an order the bank
   * does not hold); a failure whose outcome is unknown (timeout, outage) leaves it CREATED for the
   * reconciliation worker, which asks the bank by the order number and cancels what it finds.
   */
  private async register(payment: PaymentRecord, description: string): Promise<PaymentRecord> {
    try {
      const order = await this.acquirer.registerOrder({
        orderNumber: payment.id,
        amountKopecks: payment.amountKopecks,
        returnUrl: this.settings.returnUrl,
        description,
        sessionTimeoutSeconds: this.settings.sessionTimeoutSeconds + this.settings.bankGraceSeconds,
      });
      const now = this.clock.now();
      return (await this.store.markRegistered(payment.id, order, now, this.nextCheck(payment, now))) ?? (await this.current(payment.id));
    } catch (error) {
      const refused = error instanceof LegacyRejectionError || error instanceof LegacyBadResponseError;
      this.logger.warn({ err: { type: (error as Error).name }, refused }, 'payment order not registered');
      if (refused) return (await this.store.markUnpaid(payment.id, 'CREATED', 'FAILED', this.clock.now())) ?? (await this.current(payment.id));
      await this.store.deferCheck(payment.id, new Date(this.clock.now().getTime() + this.settings.reconcileAfterMs));
      return this.current(payment.id);
    }
  }

  /**
   * Brings an unsettled payment in line with the bank: reads the order's status by its number and
   * moves the payment accordingly. Safe to run twice at once for one payment (the callback and the
   * worker): each move names the status it leaves, and the second finds it gone.
   */
  async reconcile(payment: PaymentRecord): Promise<PaymentRecord> {
    if (payment.status !== 'CREATED' && payment.status !== 'AWAITING_CARD') return payment;
    const from = payment.status;
    const now = this.clock.now();
    let order: OrderStatus;
    try {
      order = await this.acquirer.getOrderStatus({ orderNumber: payment.id });
    } catch (error) {
      // An order the bank never registered cannot be paid: we never register a payment twice.
      if (error instanceof OrderNotFoundError && from === 'CREATED') return (await this.store.markUnpaid(payment.id, from, 'FAILED', now)) ?? (await this.current(payment.id));
      throw error;
    }
    if (order.chargedKopecks > 0 || order.state === 'PAID') {
      const paidAt = order.authorisedAt ? new Date(order.authorisedAt) : now;
      return (await this.store.markPaid(payment.id, from, paidAt, now)) ?? (await this.current(payment.id));
    }
    switch (order.state) {
      case 'DECLINED':
        return (await this.store.markUnpaid(payment.id, from, order.declineReason === 'EXPIRED' ? 'EXPIRED' : 'DECLINED', now)) ?? (await this.current(payment.id));
      case 'REVERSED':
        return (await this.store.markUnpaid(payment.id, from, from === 'CREATED' ? 'FAILED' : 'EXPIRED', now)) ?? (await this.current(payment.id));
      case 'REGISTERED':
      case 'AWAITING_3DS':
        // Registered but its form never reached us (a lost answer), or the payer's time is up: cancel it at the bank.
        if (from === 'CREATED' || now >= payment.expiresAt) return this.cancel(payment, order.orderId, from, from === 'CREATED' ? 'FAILED' : 'EXPIRED');
        await this.store.deferCheck(payment.id, this.nextCheck(payment, now));
        return payment;
      default:
        // HELD or REFUNDED: not what a one-stage order of ours becomes; left for a person to look at.
        this.logger.error({ paymentId: payment.id, state: order.state }, 'payment order in a state the flow does not expect');
        await this.store.deferCheck(payment.id, new Date(now.getTime() + 10 * this.settings.reconcileAfterMs));
        return payment;
    }
  }

  /** Reverses the order so it can never be paid, then records the payment ended. Paid meanwhile: PAID. */
  private async cancel(payment: PaymentRecord, orderId: string, from: 'CREATED' | 'AWAITING_CARD', ending: 'FAILED' | 'EXPIRED'): Promise<PaymentRecord> {
    try {
      await this.acquirer.reverse(orderId);
    } catch (error) {
      // The payer paid in between: the next reading of the status finds it PAID.
      if (error instanceof OrderStateError) return this.reconcile(payment);
      throw error;
    }
    return (await this.store.markUnpaid(payment.id, from, ending, this.clock.now())) ?? (await this.current(payment.id));
  }

  /** The next poll: after the callback had its chance, and no later than the payer's deadline. */
  nextCheck(payment: Pick<PaymentRecord, 'expiresAt'>, now: Date): Date {
    return new Date(Math.min(now.getTime() + this.settings.reconcileAfterMs, Math.max(payment.expiresAt.getTime(), now.getTime())));
  }

  private async current(id: string): Promise<PaymentRecord> {
    const found = await this.store.get(id);
    if (!found) throw new Error('a payment vanished from the store');
    return found;
  }
}

/** The payment made earlier under the key, when the key names the same target; otherwise the key is reused. */
function sameRequest(earlier: PaymentRecord, request: PaymentRequest): PaymentRecord {
  const same = earlier.targetKind === request.kind && (request.kind === 'PARKING_TOP_UP' ? earlier.amountKopecks === request.amountKopecks : earlier.targetRef === request.uin);
  if (!same) throw graphqlError('IDEMPOTENCY_KEY_REUSED');
  return earlier;
}

export type { TargetKind };
