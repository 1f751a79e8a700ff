import type { Logger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import type { Clock } from '../../platform/time';
import type { ConfirmationDelivery } from './confirmation-delivery';
import type { PaymentFlow } from './payment-flow';
import type { PaymentStorePort } from './store/payment-store-port';

/** How the worker paces itself. */
export interface WorkerSettings {
  /** How often an idle worker looks for work. Default 1 s. */
  pollIntervalMs: number;
  /**
   * How long a claimed confirmation or unsettled payment stays with its worker; longer than one
   * round of legacy calls can take. Default 60 s.
   */
  leaseMs: number;
}

/** Unsettled payments looked at per round. */
const RECONCILE_BATCH = 20;
/** The share of a lease a round's legacy calls may use; the rest records the answer. */
const CALLS_SHARE_OF_LEASE = 0.8;

/**
 * The payments' background work, one loop per process (replicas share the store and split the work
 * by its leases): deliver due confirmations to the owning systems, then poll the bank for payments
 * whose callback has not settled them (lost, or never sent) and cancel those whose time is up. Due
 * times are read on the injected clock, so tests move hours on the simulators' clock.
 */
export class PaymentsWorker {
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: PaymentStorePort,
    private readonly flow: PaymentFlow,
    private readonly delivery: ConfirmationDelivery,
    private readonly clock: Clock,
    private readonly settings: WorkerSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the round under way and takes no new one. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.deliverDue();
        if (!this.stopping) await this.reconcileDue();
      } catch (error) {
        this.logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'payments worker could not claim work');
      }
      if (!this.stopping) await this.sleep();
    }
  }

  /** Delivers due confirmations one by one until none is due or one fails (the owner is likely down). */
  private async deliverDue(): Promise<void> {
    while (!this.stopping) {
      const claim = await this.store.claimConfirmation(this.clock.now(), this.settings.leaseMs);
      if (!claim) return;
      const delivered = await this.inScope(`payment-confirmation-${claim.payment.id}`, () => this.delivery.deliver(claim));
      if (!delivered) return;
    }
  }

  private async reconcileDue(): Promise<void> {
    const due = await this.store.claimUnsettled(this.clock.now(), this.settings.leaseMs, RECONCILE_BATCH);
    for (const payment of due) {
      if (this.stopping) return;
      try {
        await this.inScope(`payment-reconcile-${payment.id}`, () => this.flow.reconcile(payment));
      } catch (error) {
        // Stays claimed until its lease runs out, then is looked at again: the bank is likely down.
        this.logger.warn({ paymentId: payment.id, err: { type: (error as Error).name } }, 'payment not reconciled; will retry');
      }
    }
  }

  private inScope<T>(requestId: string, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + Math.floor(this.settings.leaseMs * CALLS_SHARE_OF_LEASE);
    return runInRequestScope({ requestId, deadline, work: 'service' }, work);
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollIntervalMs);
      this.wake = done;
    });
  }
}
