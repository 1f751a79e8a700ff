import { SpanKind, trace } from '@opentelemetry/api';
import { runToEnd } from '../../deploy/node-process';
import { OtlpReceiver } from '../../test/support/otlp-receiver';
import { repoRoot } from '../config';
import { OperationLabels } from './operation-labels';
import { startTracing } from './start-tracing';
import { tracingConfigFromEnv } from './tracing-config';

/**
 * A fresh process that starts tracing from the given variables and makes a span, reporting whether
 * it got a tracer, which OpenTelemetry SDK modules it loaded, and how many timers were set from
 * the start of tracing until it was shut down (unref'd ones included: they still run).
 */
function tracingProcess(env: Record<string, string>): { tracer: boolean; sdkModules: string[]; timersSet: number; exitedCleanly: boolean } {
  const script = `
    let timersSet = 0;
    require('node:async_hooks').createHook({ init: (_id, type) => { if (type === 'Timeout') timersSet++; } }).enable();
    const { startTracing, tracingConfigFromEnv } = require('./platform/telemetry');
    const tracing = startTracing(tracingConfigFromEnv(process.env), { serviceName: 'probe' });
    tracing.tracer?.startSpan('probe').end();
    const sdkModules = [...new Set(Object.keys(require.cache).map((p) => /@opentelemetry\\/(sdk-[\\w-]+|exporter-[\\w-]+|resources|context-async-hooks)\\//.exec(p)?.[1]).filter(Boolean))].sort();
    tracing.shutdown().then(() => console.log(JSON.stringify({ tracer: tracing.tracer !== undefined, sdkModules, timersSet, exitedCleanly: true })));
  `;
  const run = runToEnd(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: repoRoot(), env: { PATH: process.env.PATH ?? '', ...env }, timeoutMs: 30_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ReturnType<typeof tracingProcess>;
}

describe('startTracing', () => {
  it('with no endpoint set, loads no SDK module, makes no exporter and starts no timer', () => {
    expect(tracingProcess({})).toEqual({ tracer: false, sdkModules: [], timersSet: 0, exitedCleanly: true });
  });

  it('with an endpoint, runs the SDK and its batch exporter, and shuts down cleanly though the collector is down', () => {
    // Port 9 (discard) on loopback: nothing listens, so the last export fails.
    const on = tracingProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_TIMEOUT: '200' });
    expect(on).toMatchObject({ tracer: true, sdkModules: expect.arrayContaining(['sdk-trace-node', 'exporter-trace-otlp-proto', 'resources']), exitedCleanly: true });
    expect(on.timersSet).toBeGreaterThan(0);
  });

  describe('exporting to a collector', () => {
    let collector: OtlpReceiver;
    beforeAll(async () => (collector = await OtlpReceiver.start()));
    afterAll(() => collector.close());

    it('sends spans over OTLP/HTTP under the service name, with operation names only as their published labels', async () => {
      const config = tracingConfigFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
      });
      const tracing = startTracing(config, { serviceName: 'unit', operationLabels: new OperationLabels(['ResidentDashboard']) });
      tracing.tracer!.startSpan('ours', { kind: SpanKind.SERVER }).end();
      // As @apollo/gateway makes its spans: through the global API, with the name the client sent.
      trace
        .getTracer('apollo')
        .startSpan('gateway.request', { attributes: { operationName: 'Snils12345678901', 'graphql.operation.name': 'Snils12345678901' } })
        .end();
      trace
        .getTracer('apollo')
        .startSpan('gateway.plan', { attributes: { 'graphql.operation.name': 'ResidentDashboard' } })
        .end();
      await tracing.shutdown();

      expect(collector.spans.map((s) => ({ service: s.service, name: s.name, attributes: s.attributes }))).toEqual([
        { service: 'unit', name: 'ours', attributes: {} },
        { service: 'unit', name: 'gateway.request', attributes: { operationName: 'other', 'graphql.operation.name': 'other' } },
        { service: 'unit', name: 'gateway.plan', attributes: { 'graphql.operation.name': 'ResidentDashboard' } },
      ]);
      // Shut down, the API is back to its no-ops: nothing more is recorded.
      expect(trace.getTracer('apollo').startSpan('after').isRecording()).toBe(false);
    });
  });
});
