import { Gauge, type Registry } from 'prom-client';
import type { ConfirmationBacklog } from './types';

/**
 * The payments on the process's `/metrics`: how many payments the bank has taken and their owner
 * has not confirmed yet, and how long the oldest has waited. Read from the store at each scrape;
 * replicas share one database, so each reports the same figures (alert on `max`). When the store
 * cannot be read the last values stay, and the scrape still succeeds.
 */
export function registerPaymentMetrics(registry: Registry, source: { backlog(): Promise<ConfirmationBacklog | undefined> }): void {
  let last: ConfirmationBacklog | undefined;
  let pending: Promise<typeof last> | undefined;
  const read = (): Promise<typeof last> =>
    (pending ??= source
      .backlog()
      .then((backlog) => (last = backlog ?? last))
      .catch(() => last)
      .finally(() => (pending = undefined)));
  new Gauge({
    name: 'payments_paid_unconfirmed',
    help: 'Payments the bank has taken (PAID) that their owning system has not confirmed yet.',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.pending);
    },
  });
  new Gauge({
    name: 'payments_oldest_unconfirmed_age_seconds',
    help: 'How long the oldest PAID payment has waited for its owning system to confirm it; 0 when none waits.',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.oldestAgeSeconds);
    },
  });
}
