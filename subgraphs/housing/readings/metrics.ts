import { Gauge, type Registry } from 'prom-client';
import type { OutboxBacklog } from './types';

/**
 * The outbox on the process's `/metrics`: how many readings wait for the housing system and how
 * long the oldest has waited, read from the store at each scrape. Replicas share one PostgreSQL,
 * so each reports the same backlog (alert on `max`). When the database cannot be read, the last
 * values stay and the scrape still succeeds: the legacy breakers on the same page matter more.
 */
export function registerOutboxMetrics(registry: Registry, outbox: { backlog(): Promise<OutboxBacklog | undefined> }): void {
  let last: OutboxBacklog | undefined;
  let pending: Promise<typeof last> | undefined;
  // Both gauges are collected at once in a scrape: they share one query.
  const read = (): Promise<typeof last> =>
    (pending ??= outbox
      .backlog()
      .then((backlog) => (last = backlog ?? last))
      // Keep the previous figures: an outage of the shared database shows as audit write failures.
      .catch(() => last)
      .finally(() => (pending = undefined)));
  new Gauge({
    name: 'housing_outbox_queued_readings',
    help: 'Meter readings accepted and not yet taken by the housing system (QUEUED).',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.queued);
    },
  });
  new Gauge({
    name: 'housing_outbox_oldest_queued_age_seconds',
    help: 'How long the oldest QUEUED meter reading has waited for the housing system; 0 when none waits.',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.oldestAgeSeconds);
    },
  });
}
