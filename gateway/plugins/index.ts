export { useRequestLog } from './request-log';
