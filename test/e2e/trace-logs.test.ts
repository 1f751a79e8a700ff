import { randomBytes } from 'node:crypto';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { demoResidents } from '../../legacy/population';
import { RESIDENT_DASHBOARD } from '../../operations';
import { createLogger } from '../../platform/logging';
import { startTracing, type Tracing, tracingConfigFromEnv } from '../../platform/telemetry';
import { SUBGRAPH_NAMES } from '../../schema';
import { MemoryLog } from '../security/support/secure-system';
import { postGraphQL } from '../support/graphql-client';
import { OtlpReceiver, SPAN_KIND } from '../support/otlp-receiver';

type Line = Record<string, unknown> & { msg?: string; trace_id?: string; span_id?: string };

/**
 * The embedded graph with tracing on and every log line captured: a line written during a request
 * names the trace and the span it was written in, so it leads to the trace and the very hop.
 */
describe('log lines carry their trace', () => {
  const log = new MemoryLog();
  let collector: OtlpReceiver;
  let tracing: Tracing;
  let system: EmbeddedSystem;
  const client = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
  let lines: Line[];

  beforeAll(async () => {
    collector = await OtlpReceiver.start();
    const logger = createLogger({ service: 'embedded', level: 'debug', destination: log });
    tracing = startTracing(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }), { serviceName: 'resident-graph', logger });
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'debug', logger, tracer: tracing.tracer! });
    const family = demoResidents(system.population).find((d) => d.key === 'family')!.person;
    const token = await system.tokenFor(family.id);
    const reply = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token, headers: { traceparent: `00-${client.traceId}-${client.spanId}-01` } });
    expect(reply.errors).toBeUndefined();
    await system.close();
    await tracing.shutdown();
    lines = log.lines.map((line) => JSON.parse(line) as Line);
  }, 60_000);
  afterAll(async () => {
    await tracing?.shutdown();
    await collector?.close();
  });

  it("names the gateway's request span on the request's own line", () => {
    const requestLines = lines.filter((l) => l.msg === 'graphql request');
    expect(requestLines).toHaveLength(1);
    const root = collector.trace(client.traceId).find((s) => s.parentSpanId === client.spanId);
    expect(root?.kind).toBe(SPAN_KIND.server);
    expect(requestLines[0]).toMatchObject({ trace_id: client.traceId, span_id: root!.spanId, trace_flags: '01', operation: 'ResidentDashboard' });
  });

  it("names, on each legacy call's line, that call's own span", () => {
    const spans = new Map(collector.trace(client.traceId).map((s) => [s.spanId, s]));
    const callLines = lines.filter((l) => l.msg === 'legacy call' && l.trace_id === client.traceId);
    expect(new Set(callLines.map((l) => l.system))).toEqual(new Set(['registry', 'emias', 'mesh', 'housing', 'parking', 'fines']));
    for (const line of callLines) {
      const span = spans.get(line.span_id ?? '');
      expect({ line: line.endpoint, span: span && [span.kind, span.attributes['legacy.system'], span.attributes['legacy.endpoint']] }).toEqual({
        line: line.endpoint,
        span: [SPAN_KIND.client, line.system, line.endpoint],
      });
    }
  });

  it('writes trace ids on every line written inside a span, and none on the lines of start-up', () => {
    const inSpans = lines.filter((l) => l.msg === 'legacy call' || l.msg === 'graphql request');
    expect(inSpans.length).toBeGreaterThan(10);
    expect(inSpans.filter((l) => !/^[0-9a-f]{32}$/.test(l.trace_id ?? '') || !/^[0-9a-f]{16}$/.test(l.span_id ?? ''))).toEqual([]);
    const listening = lines.filter((l) => typeof l.msg === 'string' && l.msg.includes('listening'));
    // The gateway's and each subgraph's.
    expect(listening.length).toBe(SUBGRAPH_NAMES.length + 1);
    expect(listening.filter((l) => 'trace_id' in l || 'span_id' in l)).toEqual([]);
  });
});
