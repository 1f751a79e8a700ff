import type { Registry } from 'prom-client';
import type { AcquirerPort } from '../../adapters/acquirer';
import type { Logger } from '../../platform/logging';
import { openDatabase, type SqlDatabase } from '../../platform/storage';
import type { Clock } from '../../platform/time';
import { OutboxBackoff, type RetryPolicy } from '../kit';
import { ConfirmationDelivery, type Owners } from './confirmation-delivery';
import { registerPaymentMetrics } from './metrics';
import type { PayableTarget } from './payable-targets';
import { type FlowSettings, PaymentFlow, type PaymentRequest } from './payment-flow';
import { PaymentsWorker, type WorkerSettings } from './payments-worker';
import { SqlPaymentStore } from './store/payment-store';
import type { PaymentStorePort } from './store/payment-store-port';
import type { ConfirmationBacklog, PaymentRecord } from './types';

/** Where payments are kept and how their background work paces itself. */
export interface PaymentsSettings extends FlowSettings, WorkerSettings {
  /** PostgreSQL (`DATABASE_URL`); when absent, the embedded database. */
  databaseUrl?: string;
  /** The embedded database's directory; absent means in memory, lost on exit (tests). */
  dataDir?: string;
  /** The waits between attempts at a confirmation. Default 5 s doubling to 5 min. */
  retry: RetryPolicy;
  /** Whether this process runs the worker (confirmations, reconciliation). Default true. */
  worker: boolean;
}

export interface PaymentsOptions {
  acquirer: AcquirerPort;
  owners: Owners;
  settings: PaymentsSettings;
  clock: Clock;
  logger: Logger;
  /** A database the caller opened and closes (the embedded system's, shared). Otherwise opened from `settings`. */
  database?: SqlDatabase;
}

interface Running {
  store: PaymentStorePort;
  flow: PaymentFlow;
  worker: PaymentsWorker | undefined;
  closeDatabase(): Promise<void>;
}

/**
 * Card payments: what the GraphQL layer and the bank's callback may do with them. Opened before the
 * subgraph listens (`start`), so no request finds it half-open; `close` lets the worker finish its
 * round and closes a database it opened itself.
 */
export class Payments {
  private running: Running | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: PaymentsOptions) {}

  start(): Promise<void> {
    this.starting ??= this.open();
    return this.starting;
  }

  pay(payerId: string, idempotencyKey: string, request: PaymentRequest, resolve: () => Promise<PayableTarget>): Promise<PaymentRecord> {
    return this.parts().flow.pay(payerId, idempotencyKey, request, resolve);
  }

  /** The payment with this id when it is the payer's; undefined otherwise, whoever's it is. */
  async ofPayer(payerId: string, id: string): Promise<PaymentRecord | undefined> {
    const found = await this.parts().store.get(id);
    return found?.payerId === payerId ? found : undefined;
  }

  listByPayer(payerId: string, limit: number, afterSeq: number | undefined): Promise<Array<PaymentRecord & { seq: number }>> {
    return this.parts().store.listByPayer(payerId, limit, afterSeq);
  }

  latestForTargets(payerId: string, kind: 'BILL' | 'FINE', refs: ReadonlyArray<string>): Promise<Map<string, PaymentRecord>> {
    return this.parts().store.latestForTargets(payerId, kind, refs);
  }

  /** The bank said something of this order: read its status and move the payment. Unknown ids are ignored. */
  async settle(paymentId: string): Promise<void> {
    const { store, flow } = this.parts();
    const payment = await store.get(paymentId);
    if (payment) await flow.reconcile(payment);
  }

  async backlog(): Promise<ConfirmationBacklog | undefined> {
    if (!this.running) return undefined;
    const { pending, oldestPaidAt } = await this.running.store.pendingConfirmations();
    const ageMs = oldestPaidAt ? this.options.clock.now().getTime() - oldestPaidAt.getTime() : 0;
    return { pending, oldestAgeSeconds: Math.max(0, ageMs / 1000) };
  }

  registerMetrics(registry: Registry): void {
    registerPaymentMetrics(registry, this);
  }

  async close(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const running = this.running;
    this.running = undefined;
    await running?.worker?.stop();
    await running?.closeDatabase();
  }

  private parts(): Running {
    if (!this.running) throw new Error('payments are not open');
    return this.running;
  }

  private async open(): Promise<void> {
    const { acquirer, owners, settings, clock, logger, database } = this.options;
    const db = database ?? (await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir }));
    const store = await SqlPaymentStore.open(db);
    const flow = new PaymentFlow(store, acquirer, clock, settings, logger);
    const delivery = new ConfirmationDelivery(owners, store, new OutboxBackoff(settings.retry), clock, logger);
    const worker = settings.worker ? new PaymentsWorker(store, flow, delivery, clock, settings, logger.child({ component: 'payments-worker' })) : undefined;
    worker?.start();
    this.running = { store, flow, worker, closeDatabase: database ? async () => undefined : () => db.close() };
    logger.info({ backend: db.kind }, 'payments ready');
  }
}
