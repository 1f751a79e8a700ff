import { context, type DiagLogger, DiagLogLevel, diag, propagation, type Tracer, trace } from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-node';
import type { Logger } from '../logging';
import { OperationLabels } from './operation-labels';
import { OperationNameGuard } from './operation-name-guard';
import type { TracingConfig } from './tracing-config';

/** The name our own spans are made under (the instrumentation scope). */
export const TRACER_NAME = 'resident-graph';

/** A process's tracing, on or off. */
export interface Tracing {
  /**
   * Makes our spans (HTTP server, legacy calls); undefined when tracing is off, so the code that
   * would make them is left out altogether rather than run against a no-op.
   */
  readonly tracer: Tracer | undefined;
  /**
   * Exports what is still buffered and stops, giving the API back its no-op defaults. Safe to call
   * twice; never rejects, even when the collector cannot be reached.
   */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** `service.name` unless `OTEL_SERVICE_NAME` says otherwise: the service's own (`gateway`, `health`). */
  serviceName: string;
  /** Where the SDK's own warnings (a collector that cannot be reached) are logged. */
  logger?: Logger;
  /** Operation names spans may carry; default the committed manifest's (OperationLabels.published). */
  operationLabels?: OperationLabels;
}

const OFF: Tracing = { tracer: undefined, shutdown: async () => undefined };

/**
 * Starts tracing for this process, or does nothing when `config` is undefined: then no SDK module
 * is even loaded, no exporter made and no timer started, so a service without a collector pays
 * nothing. When on, it registers a tracer provider globally (the spans @apollo/gateway makes go
 * through `@opentelemetry/api`'s global), with the W3C trace-context propagator only (no baggage:
 * what a client puts there would travel on to every subgraph and legacy system), the configured
 * sampler, and a batch exporter over OTLP/HTTP.
 */
export function startTracing(config: TracingConfig | undefined, options: StartTracingOptions): Tracing {
  if (!config) return OFF;
  // Required here, not imported at the top: a process with tracing off never loads the SDK.
  const sdk = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const resources = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const core = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const exporterModule = (
    config.protocol === 'http/json' ? require('@opentelemetry/exporter-trace-otlp-http') : require('@opentelemetry/exporter-trace-otlp-proto')
  ) as typeof import('@opentelemetry/exporter-trace-otlp-http');
  if (options.logger) diag.setLogger(diagnosticsTo(options.logger), DiagLogLevel.WARN);

  const exporter = new exporterModule.OTLPTraceExporter({ url: config.endpoint, headers: config.headers, timeoutMillis: config.timeoutMs });
  const provider = new sdk.NodeTracerProvider({
    // OTEL_SERVICE_NAME, then a service.name in OTEL_RESOURCE_ATTRIBUTES, then the service's own, as the specification orders them.
    resource: resources
      .defaultResource()
      .merge(resources.resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName ?? config.resourceAttributes['service.name'] ?? options.serviceName })),
    sampler: samplerOf(sdk, config.sampler),
    spanProcessors: [new OperationNameGuard(options.operationLabels ?? OperationLabels.published()), new sdk.BatchSpanProcessor(exporter)],
  });
  provider.register({ propagator: new core.W3CTraceContextPropagator() });

  let stopped: Promise<void> | undefined;
  return {
    tracer: trace.getTracer(TRACER_NAME),
    // Never rejects: a collector that is down when the service stops must not turn a clean stop
    // into a crash; the spans it could not take are lost, and the log says so.
    shutdown: () =>
      (stopped ??= provider
        .shutdown()
        .catch((error: unknown) => options.logger?.warn({ component: 'opentelemetry', err: { message: (error as Error).message } }, 'the last spans could not be exported'))
        .finally(() => {
          trace.disable();
          propagation.disable();
          context.disable();
          diag.disable();
        })),
  };
}

type SdkModule = typeof import('@opentelemetry/sdk-trace-node');

function samplerOf(sdk: SdkModule, sampler: TracingConfig['sampler']): Sampler {
  switch (sampler.name) {
    case 'always_on':
      return new sdk.AlwaysOnSampler();
    case 'always_off':
      return new sdk.AlwaysOffSampler();
    case 'traceidratio':
      return new sdk.TraceIdRatioBasedSampler(sampler.ratio);
    case 'parentbased_always_on':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(sampler.ratio) });
  }
}

/** The SDK's warnings and errors (an export that failed) as the service's own log lines. */
function diagnosticsTo(logger: Logger): DiagLogger {
  const warn = (message: string): void => logger.warn({ component: 'opentelemetry' }, message);
  return { error: warn, warn, info: () => undefined, debug: () => undefined, verbose: () => undefined };
}
