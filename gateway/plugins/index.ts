export { useRequestLog } from './request-log';
export { OTHER_CODE, OTHER_OPERATION, useGatewayMetrics, type GatewayMetrics, type GatewayMetricsOptions } from './gateway-metrics';
export { useOperationResolution } from './operation-resolution';
export { useRequestIdHeader } from './request-id-header';
export { operationsValidIn, readOperations, useSandbox, type SandboxOptions } from './sandbox';
