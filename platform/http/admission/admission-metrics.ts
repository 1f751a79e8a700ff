import { Counter, Gauge, type Registry } from 'prom-client';
import { type AdmissionControl, PRIORITIES } from './admission-control';

/**
 * The admission state on a service's `/metrics`: the adaptive limit, requests in flight, the
 * queueing delay that steers it and refusals by priority. Labels are the priority only (the registry adds the service's name).
 */
export function registerAdmissionMetrics(registry: Registry, admission: AdmissionControl): void {
  const registers = [registry];
  new Gauge({
    name: 'admission_concurrency_limit',
    help: 'Requests the service takes at once now: the adaptive limit that follows measured queueing delay (reads are refused a reserved share below it).',
    registers,
    collect() {
      this.set(admission.state().limit);
    },
  });
  new Gauge({
    name: 'admission_requests_in_flight',
    help: 'GraphQL requests admitted and not yet answered.',
    registers,
    collect() {
      this.set(admission.state().inFlight);
    },
  });
  new Gauge({
    name: 'admission_queue_delay_seconds',
    help: "The process's standing queueing delay (the event loop's minimum lateness over the latest 100 ms): what the limit is steered by.",
    registers,
    collect() {
      this.set(admission.state().queueDelayMs / 1000);
    },
  });
  const refusals = new Counter({
    name: 'admission_refusals_total',
    help: 'Requests refused at once with 503 and Retry-After (OVERLOADED) because the service was at its limit, by priority (critical: mutations).',
    labelNames: ['priority'],
    registers,
  });
  for (const priority of PRIORITIES) refusals.inc({ priority }, 0);
  admission.onRefusal((priority) => refusals.inc({ priority }));
}
