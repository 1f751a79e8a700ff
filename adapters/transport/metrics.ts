import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { TransportHealth } from './legacy-transport';
import type { TransportEvent } from './transport-events';

/**
 * Prometheus metrics of one process: what its legacy calls did (outcome, attempts, latency,
 * retries, stale answers), each breaker's state, and Node's own runtime figures. Labels are the
 * system and the endpoint label (`GET /persons/:id`) and codes: never an id, a URL or personal data.
 */
export class LegacyMetrics {
  readonly registry = new Registry();
  private readonly calls: Counter<'system' | 'endpoint' | 'outcome' | 'served'>;
  private readonly duration: Histogram<'system' | 'outcome'>;
  private readonly retries: Counter<'system' | 'code'>;
  private readonly retriesDenied: Counter<'system' | 'reason'>;
  private readonly rejectedByBulkhead: Counter<'system'>;
  private readonly rejectedByFairShare: Counter<'system'>;
  private readonly rateLimited: Counter<'system'>;
  private readonly breaker: Gauge<'system' | 'endpoint'>;

  constructor(options: { service: string; health?: () => ReadonlyArray<TransportHealth> }) {
    this.registry.setDefaultLabels({ service: options.service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.calls = new Counter({
      name: 'legacy_calls_total',
      help: 'Legacy calls by outcome (ok or the error code) and where the answer came from.',
      labelNames: ['system', 'endpoint', 'outcome', 'served'],
      registers,
    });
    this.duration = new Histogram({
      name: 'legacy_call_duration_seconds',
      help: 'Time a legacy call took, retries included.',
      labelNames: ['system', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.retries = new Counter({ name: 'legacy_retries_total', help: 'Retries of idempotent legacy reads, by the code that caused them.', labelNames: ['system', 'code'], registers });
    this.retriesDenied = new Counter({
      name: 'legacy_retries_denied_total',
      help: 'Retries refused: the retry budget was spent or the deadline too near.',
      labelNames: ['system', 'reason'],
      registers,
    });
    this.rejectedByBulkhead = new Counter({
      name: 'legacy_bulkhead_rejected_total',
      help: 'Calls refused unsent because the system was at its concurrency cap.',
      labelNames: ['system'],
      registers,
    });
    this.rejectedByFairShare = new Counter({
      name: 'legacy_fair_share_rejected_total',
      help: 'Calls refused unsent because their caller already held its share of the system (the caller is never a label).',
      labelNames: ['system'],
      registers,
    });
    this.rateLimited = new Counter({ name: 'legacy_rate_limited_total', help: 'Answers 429 from a legacy system.', labelNames: ['system'], registers });
    const health = options.health;
    this.breaker = new Gauge({
      name: 'legacy_breaker_open',
      help: 'Circuit breaker per legacy system (endpoint "*") and per endpoint: 0 closed, 0.5 half-open, 1 open.',
      labelNames: ['system', 'endpoint'],
      registers,
      collect() {
        if (!health) return;
        this.reset();
        const value = (state: string): number => (state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
        for (const system of health()) {
          this.set({ system: system.system, endpoint: '*' }, value(system.breaker));
          for (const endpoint of system.endpoints) this.set({ system: system.system, endpoint: endpoint.endpoint }, value(endpoint.breaker));
        }
      },
    });
  }

  /** The transports' event listener. */
  readonly onEvent = (event: TransportEvent): void => {
    switch (event.type) {
      case 'call':
        this.calls.inc({ system: event.system, endpoint: event.endpoint, outcome: event.outcome, served: event.served });
        this.duration.observe({ system: event.system, outcome: event.outcome === 'ok' ? 'ok' : 'error' }, event.ms / 1000);
        break;
      case 'retry':
        this.retries.inc({ system: event.system, code: event.code });
        break;
      case 'retry-denied':
        this.retriesDenied.inc({ system: event.system, reason: event.reason });
        break;
      case 'bulkhead-rejected':
        this.rejectedByBulkhead.inc({ system: event.system });
        break;
      case 'fair-share-rejected':
        this.rejectedByFairShare.inc({ system: event.system });
        break;
      case 'rate-limited':
        this.rateLimited.inc({ system: event.system });
        break;
      default:
        break;
    }
  };

  /** `GET /metrics` in Prometheus text format. */
  readonly handler = async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType }).end(body);
  };
}
