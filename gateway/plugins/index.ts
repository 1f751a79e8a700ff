export { useRequestLog } from './request-log';
export { OTHER_CODE, OTHER_OPERATION, useGatewayMetrics, type GatewayMetrics, type GatewayMetricsOptions } from './gateway-metrics';
