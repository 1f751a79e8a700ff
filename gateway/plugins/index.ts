export { type GatewayMetrics, type GatewayMetricsOptions, OTHER_CODE, OTHER_OPERATION, useGatewayMetrics } from './gateway-metrics';
export { useOperationResolution } from './operation-resolution';
export { useRequestIdHeader } from './request-id-header';
export { useRequestLog } from './request-log';
export { operationsValidIn, readOperations, type SandboxOptions, useSandbox } from './sandbox';
