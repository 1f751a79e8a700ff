import { Counter, type Registry } from 'prom-client';

const NAME = 'audit_write_failures_total';

/**
 * Counts audit-trail writes that failed, each a read refused with AUDIT_UNAVAILABLE, by subgraph.
 * Registered once per process registry (several subgraphs may share one); returns the hook the
 * audit plugin calls.
 */
export function auditWriteFailures(registry: Registry, subgraph: string): () => void {
  const counter =
    (registry.getSingleMetric(NAME) as Counter<'subgraph'> | undefined) ??
    new Counter({ name: NAME, help: 'Audit trail writes that failed; each refused the read it was recording (AUDIT_UNAVAILABLE).', labelNames: ['subgraph'], registers: [registry] });
  // Present at zero from the start, so a rate over it has a series before the first failure.
  counter.inc({ subgraph }, 0);
  return () => counter.inc({ subgraph });
}
