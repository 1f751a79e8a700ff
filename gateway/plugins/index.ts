export { useRequestLog } from './request-log';
export { useOperationResolution } from './operation-resolution';
export { useRequestIdHeader } from './request-id-header';
