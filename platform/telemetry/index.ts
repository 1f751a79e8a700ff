export { activeTraceFields, type TraceFields } from './log-correlation';
export { OperationLabels, OTHER_OPERATION } from './operation-labels';
export { useOperationSpanName } from './operation-span-name';
export { inServerSpan } from './server-span';
export { type StartTracingOptions, startTracing, TRACER_NAME, type Tracing } from './start-tracing';
export { type OtlpProtocol, SAMPLER_NAMES, type SamplerName, type TracingConfig, tracingConfigFromEnv } from './tracing-config';
