export {
  absorbStaleExtension,
  currentRequestScope,
  recordStaleRead,
  runInRequestScope,
  updateRequestScope,
  type RequestScope,
  type RequestScopeInit,
  type StaleRead,
} from './request-scope';
export { DEADLINE_HEADER, DEFAULT_HOP_MARGIN_MS, formatDeadlineHeader, hopDeadline, parseDeadlineHeader } from './deadline-header';
export { acceptedRequestId, REQUEST_ID_HEADER } from './request-id';
