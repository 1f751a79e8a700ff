import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportHealth } from '../../adapters/transport';

/** What `/readyz` shows: whether the service takes traffic, and each legacy system's state. */
export interface ReadinessReport {
  /**
   * `ready`: every breaker closed. `degraded`: some system is failing and its fields are null or
   * stale, but the service answers. `draining`: shutting down, send traffic elsewhere.
   */
  status: 'ready' | 'degraded' | 'draining';
  systems: TransportHealth[];
}

/** Anything that can report a transport's health (a `LegacyTransport`). */
export interface HealthSource {
  health(): TransportHealth;
}

/** The state of the given transports, for `/readyz` and metrics. */
export function readinessReport(transports: Iterable<HealthSource>, options: { draining?: boolean } = {}): ReadinessReport {
  const systems = [...transports].map((t) => t.health());
  const failing = systems.some((s) => s.breaker !== 'closed' || s.endpoints.length > 0);
  return { status: options.draining ? 'draining' : failing ? 'degraded' : 'ready', systems };
}

/**
 * `GET /readyz`: 200 with the report while the service answers, degraded or not; 503 only while
 * draining. An open breaker does not fail readiness on purpose: every replica sees the same
 * legacy outage, so failing readiness would take them all out of rotation and turn one system's
 * outage into an outage of the whole graph.
 */
export function readinessHandler(transports: () => Iterable<HealthSource>, options: { draining?: () => boolean } = {}) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    const report = readinessReport(transports(), { draining: options.draining?.() ?? false });
    res.writeHead(report.status === 'draining' ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(report));
  };
}
