export { activeTraceFields, type TraceFields } from './log-correlation';
export { OperationLabels, OTHER_OPERATION } from './operation-labels';
export { useOperationSpanName } from './operation-span-name';
export { inServerSpan } from './server-span';
export { startTracing, TRACER_NAME, type StartTracingOptions, type Tracing } from './start-tracing';
export { SAMPLER_NAMES, tracingConfigFromEnv, type OtlpProtocol, type SamplerName, type TracingConfig } from './tracing-config';
